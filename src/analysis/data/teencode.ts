// Teencode and abbreviations → their Vietnamese reading, owned by the project.
// Keys are matched on the lower-case word (also after stretched letters are squeezed and the
// tone mark placed canonically); values are read as syllables and normalized the same way.
//
// Left out on purpose, because they are ambiguous in the posts this project reads:
//   cs (cộng sản / công an / chính sách / cuộc sống), hs (học sinh / hồ sơ), bn (bạn / bao nhiêu),
//   nc (nước / nói chuyện), ct (chủ tịch / công ty), tt, tn, ql, đh, đv, nd, a, e, b, m, t,
//   csvn/đcs (kept as typed: a rule can tell them from the Party's full name),
//   and profanity abbreviations (dm, đm, vl, vcl, cc, clgt…): the offensive detector reads them
//   as typed, so they must reach it unexpanded.

/** Always expanded. */
export const TEENCODE: Readonly<Record<string, string>> = {
  // không
  ko: 'không', k: 'không', kh: 'không', kg: 'không', khg: 'không', kô: 'không', k0: 'không',
  hok: 'không', hông: 'không', hem: 'không', khum: 'không', khôg: 'không', khog: 'không',
  kog: 'không', hk: 'không', kp: 'không phải', kb: 'không biết', kbiet: 'không biết',
  kbh: 'không bao giờ', kbg: 'không bao giờ', kco: 'không có', kcó: 'không có',   // được
  dc: 'được', đc: 'được', đk: 'được', dk: 'được',   // pronouns, people
  ng: 'người', ngta: 'người ta', ngt: 'người ta', mn: 'mọi người', mng: 'mọi người',
  mnguoi: 'mọi người', ae: 'anh em', ace: 'anh chị em', cj: 'chị', cji: 'chị', ck: 'chồng',
  vk: 'vợ', ny: 'người yêu', mik: 'mình', mk: 'mình', mh: 'mình', mjk: 'mình', mjnh: 'mình',
  mìk: 'mình', mềnh: 'mình', pn: 'bạn', ad: 'admin', adm: 'admin', ctv: 'cộng tác viên',
  gđ: 'gia đình', bme: 'bố mẹ', ôg: 'ông',   cb: 'cán bộ', cbcc: 'cán bộ công chức', cbccvc: 'cán bộ công chức viên chức', ccvc: 'công chức viên chức',
  pct: 'phó chủ tịch', ctn: 'chủ tịch nước', ttg: 'thủ tướng',
  gv: 'giáo viên', bs: 'bác sĩ', đb: 'đại biểu', đbqh: 'đại biểu quốc hội', dbqh: 'đại biểu quốc hội',
  ddbqh: 'đại biểu quốc hội', đbhđnd: 'đại biểu hội đồng nhân dân', ucv: 'ứng cử viên',
  // common words
  j: 'gì', ji: 'gì', z: 'vậy', zậy: 'vậy', dzậy: 'vậy', zị: 'vậy', zạ: 'vậy', jz: 'gì vậy',
  vs: 'với', vớj: 'với', r: 'rồi', rùi: 'rồi', ròi: 'rồi', oy: 'rồi', uj: 'rồi',
  ms: 'mới', mớj: 'mới', lun: 'luôn', wá: 'quá', wa: 'quá', qá: 'quá', kwa: 'quá',
  bít: 'biết', bik: 'biết', bík: 'biết', bjk: 'biết', bjết: 'biết', pít: 'biết',   thik: 'thích', thix: 'thích', thíc: 'thích', thjk: 'thích', iu: 'yêu', iêu: 'yêu',   ns: 'nói', nch: 'nói chuyện', nhìu: 'nhiều', hỉu: 'hiểu',
  hc: 'học', đy: 'đi', ik: 'đi', đj: 'đi', thui: 'thôi', hum: 'hôm',
  hnay: 'hôm nay', hnai: 'hôm nay', hqua: 'hôm qua', hwa: 'hôm qua', bjo: 'bây giờ', bgio: 'bây giờ',
  bjờ: 'bây giờ', bh: 'bây giờ', zờ: 'giờ', jờ: 'giờ', zô: 'vô', zìa: 'về', zề: 'về', zui: 'vui',
  dzui: 'vui', zợ: 'vợ', cg: 'cũng', cx: 'cũng', cũg: 'cũng', cug: 'cũng', trc: 'trước', trk: 'trước',
  ntn: 'như thế nào', ntnao: 'như thế nào', bnhieu: 'bao nhiêu', bnh: 'bao nhiêu',
  bnhiu: 'bao nhiêu', lm: 'làm', lèm: 'làm', wen: 'quen', wên: 'quên', wê: 'quê', wán: 'quán',
  pải: 'phải', fải: 'phải', fai: 'phải', pk: 'phải không', đag: 'đang', dag: 'đang',
  ak: 'à', ah: 'à', uk: 'ừ', uh: 'ừ', ukm: 'ừ', um: 'ừ', ừm: 'ừ', uhm: 'ừ', okie: 'ok',
  oke: 'ok', okla: 'ok', oki: 'ok', okê: 'ok', okey: 'ok', okay: 'ok', tks: 'cảm ơn', thanks: 'cảm ơn',
  thank: 'cảm ơn', thks: 'cảm ơn', tnx: 'cảm ơn', camon: 'cảm ơn', cmon: 'cảm ơn', sr: 'xin lỗi',
  sorry: 'xin lỗi', xl: 'xin lỗi', pls: 'làm ơn', plz: 'làm ơn', lém: 'lắm',   nhoe: 'nhé', típ: 'tiếp', chs: 'chơi',
    đt: 'điện thoại',
  sđt: 'số điện thoại', sdt: 'số điện thoại', đth: 'điện thoại',   nt: 'nhắn tin', ib: 'inbox', inb: 'inbox', cmt: 'bình luận', cmts: 'bình luận', stt: 'trạng thái',
  fb: 'facebook', fbook: 'facebook', phây: 'facebook', zl: 'zalo', yt: 'youtube', tiktok: 'tiktok',
  ttin: 'thông tin', tgian: 'thời gian', tg: 'thời gian', kq: 'kết quả',
  vde: 'vấn đề', vđ: 'vấn đề', vd: 'ví dụ', bthg: 'bình thường', bth: 'bình thường', bt: 'bình thường',
  cty: 'công ty', dn: 'doanh nghiệp', dnghiep: 'doanh nghiệp',   nn: 'nhà nước', xh: 'xã hội', xhcn: 'xã hội chủ nghĩa', chxhcn: 'cộng hòa xã hội chủ nghĩa',
  chxhcnvn: 'cộng hòa xã hội chủ nghĩa việt nam', vn: 'việt nam', vnch: 'việt nam cộng hòa',
  hn: 'hà nội', sg: 'sài gòn', hcm: 'hồ chí minh', tphcm: 'thành phố hồ chí minh', tp: 'thành phố',
  tx: 'thị xã', tw: 'trung ương', đp: 'địa phương', cq: 'chính quyền',
  cqđp: 'chính quyền địa phương', cqdp: 'chính quyền địa phương',
 
  // state bodies
  ubnd: 'ủy ban nhân dân', ub: 'ủy ban', ubx: 'ủy ban xã', hđnd: 'hội đồng nhân dân', hdnd: 'hội đồng nhân dân',
  mttq: 'mặt trận tổ quốc', ubmttq: 'ủy ban mặt trận tổ quốc', mttqvn: 'mặt trận tổ quốc việt nam',
  qh: 'quốc hội', bch: 'ban chấp hành', btv: 'ban thường vụ', bcđ: 'ban chỉ đạo', bcd: 'ban chỉ đạo',
  ubkt: 'ủy ban kiểm tra', đu: 'đảng ủy', đuỷ: 'đảng ủy', đủy: 'đảng ủy', đtn: 'đoàn thanh niên',
  đtncs: 'đoàn thanh niên cộng sản', hlhpn: 'hội liên hiệp phụ nữ', hpn: 'hội phụ nữ',
  hnd: 'hội nông dân', hccb: 'hội cựu chiến binh', htx: 'hợp tác xã', cand: 'công an nhân dân',
  csgt: 'cảnh sát giao thông', cstt: 'cảnh sát trật tự', csđ: 'cảnh sát cơ động', cscđ: 'cảnh sát cơ động',
  vks: 'viện kiểm sát', vksnd: 'viện kiểm sát nhân dân', tand: 'tòa án nhân dân',   tnmt: 'tài nguyên môi trường', stnmt: 'sở tài nguyên môi trường', bqlda: 'ban quản lý dự án',
  bql: 'ban quản lý', bqp: 'bộ quốc phòng', bca: 'bộ công an', ttyt: 'trung tâm y tế',
  tyt: 'trạm y tế', bv: 'bệnh viện', bvđk: 'bệnh viện đa khoa', thcs: 'trung học cơ sở',
  thpt: 'trung học phổ thông', ptdtbt: 'phổ thông dân tộc bán trú',
  ptdtnt: 'phổ thông dân tộc nội trú', bpmc: 'bộ phận một cửa', bp1c: 'bộ phận một cửa',
  // procedures, land, projects
  gpmb: 'giải phóng mặt bằng', gpmbb: 'giải phóng mặt bằng', tđc: 'tái định cư', tdc: 'tái định cư',
  qsdđ: 'quyền sử dụng đất', qsdd: 'quyền sử dụng đất', gcn: 'giấy chứng nhận',
  gcnqsdđ: 'giấy chứng nhận quyền sử dụng đất', gcnqsdd: 'giấy chứng nhận quyền sử dụng đất',
  bđs: 'bất động sản', bds: 'bất động sản', kcn: 'khu công nghiệp',
  ccn: 'cụm công nghiệp', kdc: 'khu dân cư', kđt: 'khu đô thị', đtxd: 'đầu tư xây dựng',
  xdcb: 'xây dựng cơ bản', xd: 'xây dựng', tthc: 'thủ tục hành chính', dvc: 'dịch vụ công',
  dvcqg: 'dịch vụ công quốc gia', cccd: 'căn cước công dân', cmnd: 'chứng minh nhân dân',
  shk: 'sổ hộ khẩu', bhyt: 'bảo hiểm y tế',
  bhxh: 'bảo hiểm xã hội', ntm: 'nông thôn mới', ctmtqg: 'chương trình mục tiêu quốc gia',
  dtts: 'dân tộc thiểu số', đbdtts: 'đồng bào dân tộc thiểu số', dbdtts: 'đồng bào dân tộc thiểu số',
  vsmt: 'vệ sinh môi trường', attp: 'an toàn thực phẩm', antt: 'an ninh trật tự',
  anqp: 'an ninh quốc phòng', anct: 'an ninh chính trị', pccc: 'phòng cháy chữa cháy',
  pctt: 'phòng chống thiên tai', tkcn: 'tìm kiếm cứu nạn', pcts: 'phòng chống tham nhũng',
  pctn: 'phòng chống tham nhũng', nsh: 'nước sinh hoạt', nsvs: 'nước sạch vệ sinh',
  'đ/c': 'đồng chí', 'd/c': 'đồng chí', 'v/v': 'về việc', 'k/t': 'kính thư',
  'ko/k': 'không', qđ: 'quyết định', qd: 'quyết định', nđ: 'nghị định', nđcp: 'nghị định chính phủ',
  nq: 'nghị quyết', tb: 'thông báo', cv: 'công văn', bc: 'báo cáo', ttr: 'tờ trình',
};

/** Read this way only right after a number ("5k", "2 tr", "30 hs"). */
export const UNIT_ABBREVIATIONS: Readonly<Record<string, string>> = {
  k: 'nghìn', ng: 'người', tr: 'triệu', trieu: 'triệu', ty: 'tỷ', tỉ: 'tỷ', ti: 'tỷ', đ: 'đồng',
  d: 'đồng', vnd: 'đồng', vnđ: 'đồng', h: 'giờ', p: 'phút', ph: 'phút', kg: 'kg', g: 'g', km: 'km',
  m: 'm', ha: 'héc ta', hs: 'học sinh', hộ: 'hộ', t: 'tấn', l: 'lít',
};

/** Read this way only after one of the listed words ("ko bt" = không biết, "bây h" = bây giờ). */
export const CONTEXTUAL_TEENCODE: Readonly<Record<string, { readonly after: readonly string[]; readonly to: string }>> = {
  bt: { after: ['không', 'chưa', 'chả', 'chẳng', 'ai', 'mới', 'đâu', 'cũng', 'ko', 'k'], to: 'biết' },
  b: { after: ['không', 'chưa', 'chả', 'chẳng', 'ko', 'k'], to: 'biết' },
  h: { after: ['bây', 'bao', 'mấy', 'giờ'], to: 'giờ' },
  s: { after: ['tại', 'vì', 'làm'], to: 'sao' },
};
