// How report figures are written for people: Vietnamese number formats, labels of keys, and the
// definitions printed under every report (the same wording as README "Reports").
import { formatDateTime, label, vi } from '../../dashboards/i18n.js';
import { localDay } from './period.js';
import type { GroupFigures } from './response-time.js';

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const fmtInt = (n: number) => integer.format(n);

/** 0.955 -> "95,5%"; null -> "—". */
export function fmtShare(share: number | null): string {
  return share === null ? vi.responseTime.none : `${oneDecimal.format(share * 100)}%`;
}

/** Minutes of the incident's clock: "45 phút", "3 giờ 05 phút"; null -> "—". */
export function fmtMinutes(minutes: number | null): string {
  if (minutes === null) return vi.responseTime.none;
  const total = Math.round(minutes);
  const hours = Math.floor(total / 60);
  const mins = total % 60;
  return hours ? `${integer.format(hours)} giờ ${String(mins).padStart(2, '0')} phút` : `${mins} phút`;
}

/** Calendar minutes late, for people: "45 phút", "3 giờ 05 phút", "8 ngày 3 giờ". */
export function fmtLate(minutes: number | null): string {
  if (minutes === null || minutes < 1440) return fmtMinutes(minutes);
  const hours = Math.round(minutes / 60);
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} ngày ${hours % 24} giờ` : `${days} ngày`;
}

/** A signed change: "+3", "−2", "0"; share changes in points: "+5,0 điểm %". */
export function fmtChange(value: number | null, kind: 'count' | 'share' | 'minutes'): string {
  if (value === null) return vi.responseTime.none;
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  const abs = Math.abs(value);
  if (kind === 'share') return `${sign}${oneDecimal.format(abs * 100)} điểm %`;
  if (kind === 'minutes') return `${sign}${fmtMinutes(abs)}`;
  return `${sign}${integer.format(abs)}`;
}

export const FIGURE_KINDS: Record<keyof GroupFigures, 'count' | 'share' | 'minutes'> = {
  detected: 'count',
  handled: 'count',
  handled_in_time: 'count',
  share_in_time: 'share',
  open: 'count',
  breached: 'count',
  median_ack_minutes: 'minutes',
  p90_ack_minutes: 'minutes',
  median_resolve_minutes: 'minutes',
  p90_resolve_minutes: 'minutes',
};

export function fmtFigure(key: keyof GroupFigures, value: number | null): string {
  const kind = FIGURE_KINDS[key];
  if (value === null) return vi.responseTime.none;
  return kind === 'share' ? fmtShare(value) : kind === 'minutes' ? fmtMinutes(value) : fmtInt(value);
}

export type GroupKey = 'by_category' | 'by_severity' | 'by_source_type' | 'by_assignee';

export function groupLabel(group: GroupKey, key: string): string {
  switch (group) {
    case 'by_category':
      return label(vi.categories, key);
    case 'by_severity':
      return label(vi.severities, key);
    case 'by_source_type':
      return (vi.sources.types as Record<string, string>)[key] ?? vi.responseTime.unknownSource;
    case 'by_assignee':
      return key === 'unassigned' ? vi.responseTime.unassigned : key;
  }
}

export const fmtDateTime = (iso: string | Date) => formatDateTime(typeof iso === 'string' ? new Date(iso) : iso);

/** "Phú Đô, ngày 01 tháng 11 năm 2026" in local time. */
export function dateLine(place: string, at: Date): string {
  const [year, month, day] = localDay(at).split('-');
  return `${place}, ngày ${day} tháng ${month} năm ${year}`;
}

/** How each figure is computed, printed under the report (README "Reports" says the same). */
export const DEFINITIONS: readonly string[] = [
  'Vụ việc phát hiện: các vụ việc có thời điểm phát hiện trong kỳ báo cáo (theo giờ Việt Nam); mỗi vụ việc thuộc kỳ mà nó được phát hiện, kể cả khi xử lý xong ở kỳ sau.',
  'Đã xử lý xong: vụ việc đã được giải quyết, hoặc đã loại có ghi rõ lý do, tính đến thời điểm lập báo cáo.',
  'Xử lý đúng hạn: đã xử lý xong trước hạn xử lý; thời gian tạm dừng (chờ cơ quan khác) không tính, hạn được lùi tương ứng.',
  'Tỷ lệ xử lý đúng hạn = số xử lý đúng hạn / (số đã xử lý xong + số chưa xử lý xong mà đã quá hạn); vụ việc chưa đến hạn chưa được tính. Mục tiêu: 100%.',
  'Vụ việc quá hạn: tiếp nhận sau hạn tiếp nhận, hoặc xử lý xong sau hạn xử lý, hoặc đến thời điểm lập báo cáo vẫn chưa xử lý xong dù đã quá hạn.',
  'Thời gian tiếp nhận / xử lý: tính từ lúc phát hiện đến lúc tiếp nhận / xử lý xong, trừ thời gian tạm dừng; mức độ Khẩn cấp và Cao tính theo giờ thực tế, mức Trung bình và Thấp tính theo giờ hành chính (trừ ngày nghỉ, ngày lễ).',
  'Trung vị: một nửa số vụ việc nhanh hơn mức này; "90% vụ việc trong vòng": 9/10 vụ việc không chậm hơn mức này (nội suy tuyến tính).',
  'Thông tin tích cực / tiêu cực: bài viết về xã được thu thập, có thời điểm đăng trong kỳ, theo kết quả phân tích sắc thái.',
];
