// The header, date line and signature of the Party-committee report, and where scheduled reports
// go (report_settings, one row). Unset fields fall back to defaults from the commune profile.
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { getCommuneProfile } from '../commune/profile.repository.js';

export interface ReportSettings {
  /** The parent Party committee, e.g. "ĐẢNG BỘ TỈNH THÁI NGUYÊN". */
  readonly parentCommittee: string;
  /** The issuing committee, e.g. "ĐẢNG ỦY XÃ PHÚ ĐÔ". */
  readonly committee: string;
  /** The place on the date line. */
  readonly place: string;
  /** Lines above the signature, e.g. ["T/M ĐẢNG ỦY", "BÍ THƯ"]. */
  readonly signerTitle: readonly string[];
  readonly signerName: string;
  /** alert_channels ids; empty: every enabled e-mail channel. */
  readonly channelIds: readonly string[];
}

const line = z.string().trim().max(200);
export const reportSettingsInputSchema = z
  .object({
    parent_committee: line.nullable().optional(),
    committee: line.nullable().optional(),
    place: line.nullable().optional(),
    signer_title: z.string().trim().max(400).nullable().optional(),
    signer_name: line.nullable().optional(),
    channel_ids: z.array(z.string().regex(/^\d{1,18}$/, 'a channel id')).max(50).optional(),
  })
  .strict();
export type ReportSettingsInput = z.infer<typeof reportSettingsInputSchema>;

/** "xã Phú Đô" -> "Phú Đô". */
function bareCommuneName(commune: string): string {
  return commune.replace(/^\s*(xã|phường|thị trấn)\s+/iu, '').trim();
}

const upper = (s: string) => s.toLocaleUpperCase('vi-VN');

export async function getReportSettings(db: Db): Promise<ReportSettings> {
  const [row, profile] = await Promise.all([db.selectFrom('report_settings').selectAll().where('id', '=', 1).executeTakeFirst(), getCommuneProfile(db)]);
  const commune = bareCommuneName(profile?.commune ?? '');
  const blank = (s: string | null | undefined) => (s && s.trim() ? s.trim() : undefined);
  return {
    // An unknown parent committee is left as a dotted line to fill in, never guessed.
    parentCommittee: blank(row?.parent_committee) ?? 'ĐẢNG BỘ …………………',
    committee: blank(row?.committee) ?? (commune ? `ĐẢNG ỦY XÃ ${upper(commune)}` : 'ĐẢNG ỦY XÃ …………'),
    place: blank(row?.place) ?? (commune || '…………'),
    signerTitle: (blank(row?.signer_title) ?? 'T/M ĐẢNG ỦY\nBÍ THƯ').split('\n').map((s) => s.trim()).filter(Boolean),
    signerName: blank(row?.signer_name) ?? '',
    channelIds: row?.channel_ids ?? [],
  };
}

export async function saveReportSettings(db: Db, input: ReportSettingsInput): Promise<void> {
  const values = reportSettingsInputSchema.parse(input);
  await db
    .insertInto('report_settings')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}
