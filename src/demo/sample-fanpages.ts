// The demo's commune channels: the units, and their Facebook pages as served by the Graph
// stand-in (times relative to when the demo starts). The commune fanpage carries a citizen's
// complaint that opens an incident a newcomer can answer from the incident page; the party cell
// posts every week; the health station has been silent for twelve days (a silent-page alert).
import type { UnitKind } from '../db/schema.js';
import type { StandInPost } from './graph-stand-in.js';

export const DEMO_PAGE_TOKEN = 'demo-page-token';

export interface SampleUnitPage {
  readonly unit: { readonly name: string; readonly kind: UnitKind };
  /** Graph page id and the source's name; none: a unit without a page yet. */
  readonly page?: { readonly id: string; readonly name: string; readonly posts: (now: number) => StandInPost[] };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (now: number, ms: number) => new Date(now - ms);
const citizen = (id: string, name: string) => ({ id, name });

const COMMUNE_PAGE = '100090000000001';
const CELL_PAGE = '100090000000002';
const HEALTH_PAGE = '100090000000003';

export const SAMPLE_UNIT_PAGES: readonly SampleUnitPage[] = [
  {
    unit: { name: 'UBND xã Phủ Thông', kind: 'commune' },
    page: {
      id: COMMUNE_PAGE,
      name: 'Trang thông tin UBND xã Phủ Thông (mẫu)',
      posts: (now) => [
        {
          id: `${COMMUNE_PAGE}_9001`,
          message: 'Thông báo: danh sách và lịch chi trả tiền bồi thường giải phóng mặt bằng dự án đường liên thôn Nà Pài – Khuổi Mạn được niêm yết tại trụ sở UBND xã từ hôm nay.',
          created: ago(now, 3 * HOUR),
          shares: 4,
          reactions: 37,
          comments: [
            {
              id: '9001_501',
              message: 'Nhà tôi ở thôn Nà Pài đến giờ vẫn chưa nhận được tiền bồi thường đất làm đường, đề nghị xã trả lời rõ bao giờ chi trả?',
              created: ago(now, 2 * HOUR),
              from: citizen('5550100001', 'Hoàng Văn Sình'),
              likes: 6,
            },
            { id: '9001_502', message: 'Cảm ơn xã đã thông báo sớm.', created: ago(now, 90 * 60_000), from: citizen('5550100002', 'Lý Thị Mai') },
          ],
        },
        {
          id: `${COMMUNE_PAGE}_9002`,
          message: 'Hội nghị tiếp xúc cử tri của đại biểu HĐND xã tại nhà văn hoá thôn Khuổi Mạn, 8 giờ sáng Chủ nhật tuần này. Mời bà con tham dự.',
          created: ago(now, 1 * DAY),
          reactions: 21,
          comments: [
            { id: '9002_601', message: 'Khi nào xã sửa con đường thôn Khuổi Mạn ạ, mưa xuống lầy lội quá', created: ago(now, 22 * HOUR), from: citizen('5550100003', 'Nông Văn Tài') },
            { id: '9002_602', message: 'Chào anh, đường thôn Khuổi Mạn có trong kế hoạch sửa chữa quý I năm sau; xã sẽ thông báo lịch thi công.', created: ago(now, 20 * HOUR), from: { id: COMMUNE_PAGE, name: 'Trang thông tin UBND xã Phủ Thông (mẫu)' }, parent: '9002_601' },
          ],
        },
        ...[4, 9, 13, 19, 26].map((days, i) => ({
          id: `${COMMUNE_PAGE}_90${10 + i}`,
          message: ['Lịch tiếp công dân của Chủ tịch UBND xã tháng này.', 'Tuyên truyền phòng chống lừa đảo qua mạng: không bấm vào đường link lạ.', 'Kết quả thu ngân sách xã 10 tháng đầu năm.', 'Ra quân làm đường giao thông nông thôn thôn Nà Hin.', 'Thông báo lịch tiêm chủng mở rộng tại trạm y tế xã.'][i]!,
          created: ago(now, days * DAY),
          reactions: 10 + 3 * i,
          shares: i,
        })),
      ],
    },
  },
  {
    unit: { name: 'Chi bộ thôn Nà Pài', kind: 'party_cell' },
    page: {
      id: CELL_PAGE,
      name: 'Chi bộ thôn Nà Pài (mẫu)',
      posts: (now) =>
        [1, 8, 15, 22, 29].map((days, i) => ({
          id: `${CELL_PAGE}_80${i}`,
          message: ['Sinh hoạt chi bộ định kỳ tháng này: triển khai nghị quyết của Đảng ủy xã.', 'Đảng viên thôn Nà Pài tham gia dọn vệ sinh đường làng.', 'Gương người tốt việc tốt: ông Hoàng Văn Pịa hiến đất làm đường.', 'Học tập chuyên đề về đạo đức, phong cách Hồ Chí Minh.', 'Thăm hỏi gia đình chính sách nhân dịp cuối năm.'][i]!,
          created: ago(now, days * DAY + 2 * HOUR),
          reactions: 8 + i,
        })),
    },
  },
  {
    unit: { name: 'Trạm Y tế xã Phủ Thông', kind: 'agency' },
    page: {
      id: HEALTH_PAGE,
      name: 'Trạm Y tế xã Phủ Thông (mẫu)',
      posts: (now) => [
        { id: `${HEALTH_PAGE}_701`, message: 'Lịch khám sức khoẻ định kỳ cho người cao tuổi tại trạm y tế xã.', created: ago(now, 12 * DAY), reactions: 5 },
        { id: `${HEALTH_PAGE}_702`, message: 'Khuyến cáo phòng bệnh sốt xuất huyết mùa mưa.', created: ago(now, 25 * DAY), reactions: 9 },
      ],
    },
  },
  { unit: { name: 'Chi bộ thôn Khuổi Mạn', kind: 'party_cell' } },
];
