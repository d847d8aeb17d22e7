// The units' pages as a section of the monthly Party-committee report (response-time-pdf.tsx).
import type { ChannelsReport } from '../../src/channels/channels-report.js';
import { fmtInt, fmtShare } from '../../src/reports/format.js';
import { vi } from '../i18n.js';
import { ChannelsTable } from './channels.js';

const t = vi.channels.report;

export function ChannelsSection({ channels, number }: { channels: ChannelsReport; number: string }) {
  const pages = channels.rows.filter((r) => r.sourceId !== null);
  const posts = pages.reduce((sum, r) => sum + r.posts, 0);
  return (
    <>
      <h2>
        {number}. {t.section}
      </h2>
      <p>
        Trong kỳ, {fmtInt(channels.unitsTotal)} đơn vị có {fmtInt(pages.length)} trang được theo dõi, đăng {fmtInt(posts)} bài; <b>{fmtInt(channels.unitsActive)}</b>{' '}
        đơn vị có trang hoạt động đều (có bài trong mỗi tuần), đạt <b>{fmtShare(channels.activeShare)}</b> so với mục tiêu 100%.
      </p>
      <ChannelsTable report={channels} />
    </>
  );
}
