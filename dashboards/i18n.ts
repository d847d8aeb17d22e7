// Every word the dashboard shows, in one table. Vietnamese first; another language adds a table.
import type { Category, Severity } from '../src/analysis/types.js';
import type { IncidentStatus } from '../src/db/schema.js';

export const vi = {
  appName: 'Lắng nghe',
  appTagline: 'Theo dõi thông tin trên mạng — Ban công tác 35',
  login: 'Đăng nhập',
  logout: 'Đăng xuất',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  loginFailed: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  queueTitle: 'Hàng chờ xử lý',
  incidentsOpen: 'vụ việc đang mở',
  noIncidents: 'Chưa có vụ việc nào. Hệ thống đang theo dõi các nguồn tin.',
  columns: { title: 'Vụ việc', category: 'Lĩnh vực', severity: 'Mức độ', status: 'Trạng thái', posts: 'Bài viết', detected: 'Phát hiện', due: 'Hạn xử lý' },
  overdue: 'Quá hạn',
  refreshNote: 'Trang tự làm mới mỗi 30 giây.',
  categories: {
    xuyen_tac: 'Quan điểm sai trái, thù địch, xuyên tạc',
    tin_sai_su_that: 'Thông tin sai sự thật',
    phan_anh_kien_nghi: 'Phản ánh, kiến nghị của Nhân dân',
    tham_nhung_tieu_cuc: 'Tham nhũng, tiêu cực',
    dan_toc_ton_giao: 'Dân tộc, tôn giáo',
    an_ninh_trat_tu: 'An ninh, trật tự',
    bau_cu: 'Bầu cử',
    thien_tai_dich_benh: 'Thiên tai, dịch bệnh',
    tich_cuc: 'Thông tin tích cực',
  } satisfies Record<Category, string>,
  severities: { critical: 'Khẩn cấp', high: 'Cao', medium: 'Trung bình', low: 'Thấp' } satisfies Record<Severity, string>,
  statuses: {
    new: 'Mới',
    acknowledged: 'Đã tiếp nhận',
    in_progress: 'Đang xử lý',
    on_hold: 'Chờ cơ quan khác',
    resolved: 'Đã xử lý',
    dismissed: 'Đã loại',
  } satisfies Record<IncidentStatus, string>,
} as const;

export type Messages = typeof vi;

export function label<T extends Record<string, string>>(table: T, key: string): string {
  return (table as Record<string, string>)[key] ?? key;
}

const dateTimeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** Dates are always shown in Asia/Ho_Chi_Minh, whatever the server's zone. */
export function formatDateTime(date: Date | null | undefined): string {
  return date ? dateTimeFormat.format(date) : '—';
}
