// A person as the pages name them: the display name, with the login name as a tooltip when it
// differs (so an admin can still tell which account it was).

export function Person({ name, login }: { name: string; login: string }) {
  return (
    <span class="person" title={name === login ? undefined : login}>
      {name}
    </span>
  );
}
