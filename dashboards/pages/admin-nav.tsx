import { vi } from '../i18n.js';

/** Header links to the admin screens (rendered only for admins). */
export function AdminNav() {
  const n = vi.admin.nav;
  return (
    <>
      <a href="/admin/rules">{n.rules}</a>
      <a href="/admin/profile">{n.profile}</a>
      <a href="/admin/users">{n.users}</a>
      <a href="/admin/tokens">{n.tokens}</a>
      <a href="/admin/alerts">{n.alerts}</a>
      <a href="/admin/units">{n.units}</a>
      <a href="/admin/audit">{n.audit}</a>
      <a href="/api/docs">{n.apiDocs}</a>
    </>
  );
}
