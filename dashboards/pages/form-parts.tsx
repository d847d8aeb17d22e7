// Pieces every form page repeats: the CSRF field, the notice / error block, a select of options.

export function CsrfField({ user }: { user: { readonly csrfToken: string } }) {
  return <input type="hidden" name="_csrf" value={user.csrfToken} />;
}

/** The anchor #thong-bao points at whichever block is shown (the notice first). */
export function FormMessages({ notice, errors }: { notice?: string | undefined; errors?: readonly string[] | undefined }) {
  return (
    <>
      {notice ? (
        <p class="notice" role="status" id="thong-bao">
          {notice}
        </p>
      ) : null}
      {errors?.length ? (
        <ul class="errors" role="alert" id={notice ? undefined : 'thong-bao'}>
          {errors.map((e) => (
            <li>{e}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** A select whose option `value` is selected ('' when none is). */
export function Select({ name, value, options }: { name: string; value: string | undefined; options: readonly { value: string; text: string }[] }) {
  return (
    <select name={name}>
      {options.map((o) => (
        <option value={o.value} selected={(value ?? '') === o.value}>
          {o.text}
        </option>
      ))}
    </select>
  );
}
