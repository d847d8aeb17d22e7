// Hand-written base list of Vietnamese profanity, insults, slurs and their usual obfuscations,
// owned by the project. `npm run build:offensive` merges it with the terms it mines from the
// ViHOS spans into data/offensive-lexicon.json. Terms are read with the project tokenizer, so
// tone placement and case do not matter here.
//
// Weight: 3 = profanity or a slur, offensive in (nearly) any context; 2 = an insult;
// 1-1.5 = rude or contemptuous, offensive mostly in context.
// `folded: true` on a one-syllable term lets it match in text typed without diacritics, where
// most one-syllable folded forms are ambiguous ("lon" is also "lớn", "deo" also "đeo").

export interface BaseTerm {
  readonly term: string;
  readonly weight: number;
  readonly folded?: boolean;
}

const t = (term: string, weight: number, folded = false): BaseTerm => ({ term, weight, folded });

export const OFFENSIVE_BASE: readonly BaseTerm[] = [
  // Sexual and scatological profanity, with teencode spellings.
  t('địt', 3, true), t('đụ', 3), t('đù', 1.5), t('lồn', 3), t('cặc', 3), t('buồi', 3), t('dái', 2.5),
  t('đĩ', 3), t('đĩ điếm', 3), t('đĩ thõa', 3), t('điếm', 2.5), t('phò', 2.5), t('cave', 2, true),
  t('chịch', 2.5), t('nứng', 2.5), t('bú cu', 3), t('bú', 1.5), t('cứt', 2.5), t('ỉa', 2), t('đái', 1.5),
  t('địt mẹ', 3), t('đụ má', 3), t('đụ mẹ', 3), t('địt con mẹ', 3), t('đéo', 3), t('đếch', 2.5), t('đách', 2.5),
  t('éo', 2.5, true), t('méo', 1), t('dell', 2.5, true), t('del', 2, true), t('đell', 2.5), t('đel', 2),
  t('vãi lồn', 3), t('vãi cả lồn', 3), t('vãi đái', 2.5), t('vãi', 1.5), t('vờ lờ', 2.5), t('vờ cờ lờ', 3),
  t('cờ lờ', 2.5), t('đờ mờ', 3), t('đê mờ', 3), t('đê cờ mờ', 3), t('cái lồn', 3), t('cái lol', 3),
  t('cái loz', 3), t('mặt lồn', 3), t('xạo lồn', 3), t('xàm lồn', 3), t('xạo lol', 3), t('xàm lol', 3),
  t('xàm loz', 3), t('xạo loz', 3), t('máu lồn', 3), t('óc lồn', 3), t('con cặc', 3), t('cái cặc', 3),
  t('cu', 1), t('dâm', 2), t('dâm đãng', 2.5), t('dâm dục', 2), t('biến thái', 2),
  // Profanity abbreviations (kept unexpanded by the tokenizer) and leetspeak.
  t('đm', 3, true), t('dm', 3, true), t('đmm', 3, true), t('dmm', 3, true), t('đcm', 3, true),
  t('dcm', 3, true), t('đkm', 3, true), t('dkm', 3, true), t('đkmm', 3, true), t('dcmm', 3, true),
  t('đmcs', 3, true), t('dmcs', 3, true), t('vl', 2.5, true), t('vcl', 3, true), t('vkl', 3, true),
  t('vcc', 3, true), t('vklm', 3, true), t('vch', 2, true), t('cl', 3, true), t('clm', 3, true),
  t('clgt', 3, true), t('cmn', 3, true), t('cmnr', 3, true), t('cmm', 3, true), t('cc', 2.5, true),
  t('ccc', 3, true), t('loz', 3, true), t('lol', 2, true), t('lz', 2.5, true), t('l0n', 3, true),
  t('l0z', 3, true), t('djt', 3, true), t('đjt', 3, true), t('dit', 2.5, true), t('duma', 3, true),
  t('dume', 3, true), t('đuma', 3, true), t('đume', 3, true), t('vailon', 3, true),
  t('vailoz', 3, true), t('vailz', 3, true), t('cailon', 3, true), t('cailoz', 3, true), t('qq', 2, true),
  t('cak', 2.5, true), t('kặc', 3), t('lìn', 2.5),
  // Insults.
  t('ngu', 2), t('ngu như bò', 3), t('ngu như chó', 3), t('ngu như lợn', 3), t('ngu si', 2.5),
  t('ngu dốt', 2.5), t('ngu học', 2.5), t('ngu xuẩn', 2.5), t('ngu người', 2.5), t('đần', 2),
  t('đần độn', 2.5), t('óc chó', 3), t('óc lợn', 3), t('óc heo', 3), t('óc bò', 3), t('óc trâu', 3),
  t('não chó', 3), t('não tàn', 2.5), t('não phẳng', 2.5), t('não cá vàng', 1.5), t('thiểu năng', 2.5),
  t('thiểu năng trí tuệ', 3), t('khốn nạn', 2.5), t('khốn kiếp', 2.5), t('đồ khốn', 2.5), t('đồ khốn nạn', 3), t('mất dạy', 2.5),
  t('vô học', 2), t('vô giáo dục', 2.5), t('mất nết', 2), t('láo', 1.5), t('láo toét', 2.5), t('bố láo', 2.5),
  t('láo chó', 3), t('súc vật', 3), t('súc sinh', 3), t('chó má', 3), t('đồ chó', 3), t('thằng chó', 3),
  t('con chó', 1.5), t('lũ chó', 3), t('bọn chó', 3), t('chó chết', 3), t('chó đẻ', 3), t('chó ghẻ', 3),
  t('chó săn', 2), t('đồ con lợn', 3), t('con lợn', 1.5), t('đồ ngu', 3), t('thằng ngu', 3), t('con ngu', 3),
  t('đồ điên', 2.5), t('thằng điên', 2.5), t('con điên', 2.5), t('thằng hèn', 2.5), t('hèn hạ', 2.5),
  t('hèn mạt', 2.5), t('đê tiện', 2.5), t('bỉ ổi', 2.5), t('đê hèn', 2.5), t('rác rưởi', 2), t('cặn bã', 2.5),
  t('đồ rác', 2.5), t('đồ rác rưởi', 3), t('ăn hại', 2), t('ăn bám', 1.5), t('vô dụng', 1.5), t('bố đời', 2),
  t('trẻ trâu', 2), t('ngáo', 2), t('ngáo đá', 2.5), t('ngáo ngơ', 2), t('khùng', 1.5), t('điên khùng', 2),
  t('thần kinh', 1), t('tâm thần', 1.5), t('hâm', 1.5), t('dở hơi', 1.5), t('dốt', 1.5), t('dốt nát', 2.5),
  t('mặt dày', 1.5), t('mặt chó', 3), t('mặt lợn', 3), t('câm mồm', 2.5), t('câm miệng', 2),
  t('im mồm', 2), t('ngậm mồm', 2), t('sủa', 2), t('sủa bậy', 2.5), t('cắn càn', 2), t('cút', 1.5),
  t('cút đi', 2), t('cút mẹ', 3), t('biến đi', 1), t('xạo chó', 3), t('điêu toa', 2), t('bựa', 1.5),
  t('đểu cáng', 2), t('đú', 1.5), t('đú đởn', 2), t('tởm', 1.5), t('kinh tởm', 1.5), t('thối tha', 2),
  t('mồm thối', 2.5), t('thối mồm', 2.5), t('chửi tục', 1), t('đập chết', 2.5), 
  t('đáng chết', 2.5), t('chết đi', 2.5), t('chết mẹ', 3), t('chết cha', 2), t('mẹ mày', 2.5), t('bố mày', 2),
  t('cha mày', 2), t('má mày', 2.5), t('mẹ mày', 2.5), t('con mẹ mày', 3), t('con mẹ nó', 3),
  t('mẹ nó', 2), t('tổ cha', 2.5), t('tổ sư', 2.5), t('tiên sư', 2.5), t('bỏ mẹ', 2), t('mẹ kiếp', 2.5),
  t('chúng mày', 1.5), t('tụi mày', 1.5), t('bọn mày', 2), t('lũ mày', 2), t('thằng', 0.5), t('mày', 1),
  t('tao', 1), t('bọn', 0.5), t('lũ', 0.5), t('tụi bây', 1.5), t('bọn nó', 1), t('lũ nó', 1.5),
  // Slurs and political hate speech.
  t('bắc kỳ', 3), t('bắc kì', 3), t('nam kỳ', 2.5), t('nam kì', 2.5), t('parky', 3, true), t('pake', 3, true),
  t('bake', 2, true), t('namkiki', 3, true), t('nam kiki', 3), t('ba que', 3), t('3 que', 3), t('bò đỏ', 3),
  t('bò đỏ', 3), t('đu càng', 3), t('dlv', 2, true), t('dư luận viên', 1.5), t('cộng phỉ', 3),
  t('cộng nô', 3), t('cộng sản phỉ', 3), t('việt cộng', 1.5), t('tàu khựa', 3), t('khựa', 3, true),
  t('tàu cộng', 2), t('trung cộng', 1.5), t('trung cuốc', 2), t('chệt', 3), t('mọi rợ', 2.5),
  t('đồ mọi', 3), t('bê đê', 3), t('pê đê', 3), t('xăng pha nhớt', 3), t('ái nam ái nữ', 1.5),
  t('con bóng', 2), t('bóng lộ', 2), t('thằng bóng', 2.5), t('bán nước', 2), t('phản động', 1.5),
  t('đông lào', 2), t('phò đảng', 3), t('đảng cướp', 3), t('bọn cộng sản', 2), t('3 sọc', 2.5),
];

/**
 * Obfuscated spellings as typed (punctuation and digits inside the word), read from the raw
 * text by the obfuscation pass before any tokenizer sees them. Each maps to the term it hides.
 */
export const OFFENSIVE_RAW_FORMS: Readonly<Record<string, string>> = {
  '3///': 'ba que',
  '3//': 'ba que',
  '3/': 'ba que',
  '3 que': 'ba que',
  '3que': 'ba que',
  '3sọc': '3 sọc',
  'đ.m': 'đm',
  'd.m': 'đm',
  'đ!t': 'địt',
  'đ*t': 'địt',
  'd!t': 'địt',
  'd*t': 'địt',
  'đ1t': 'địt',
  'd1t': 'địt',
  'l*n': 'lồn',
  'l0`n': 'lồn',
  'c*c': 'cặc',
  'c@c': 'cặc',
  'đ*o': 'đéo',
  'd*o': 'đéo',
  'v*l': 'vl',
  'v.l': 'vl',
  'c.c': 'cc',
  'c.l': 'cl',
  'đ.c.m': 'đcm',
  'v.c.l': 'vcl',
  'đ.é.o': 'đéo',
};

/**
 * Words and phrases the mined lexicon may never hold (nor any part of them): kinship terms and
 * pronouns, the commune's institutions and places, and the vocabulary of complaints, crime and
 * disaster news. ViHOS annotators often marked them inside an insult ("bọn cán bộ", "lũ tham
 * nhũng"), but on their own they are how citizens and the press write about the commune.
 * The model still reads them; only the lexicon leaves them out.
 */
export const NEVER_LEXICON: readonly string[] = [
  // kinship, pronouns, people
  'con', 'mẹ', 'bố', 'cha', 'má', 'ba', 'bà', 'ông', 'anh', 'chị', 'em', 'cô', 'chú', 'bác', 'cậu', 'dì',
  'cháu', 'nó', 'hắn', 'họ', 'tôi', 'mình', 'ta', 'chúng', 'chúng nó', 'bọn', 'bọn nó', 'tụi', 'tụi nó',
  'thằng', 'kẻ', 'đứa', 'gã', 'lão', 'người', 'dân', 'nhân dân', 'người dân', 'bà con',
  // institutions, offices, places
  'xã', 'thôn', 'xóm', 'làng', 'ấp', 'bản', 'huyện', 'tỉnh', 'ủy ban nhân dân', 'hội đồng nhân dân',
  'chính quyền', 'cán bộ', 'công chức', 'công an', 'cảnh sát', 'đảng', 'đảng viên', 'nhà nước',
  'chính phủ', 'quốc hội', 'quỹ', 'trại', 'đội', 'tổ', 'hội', 'trường', 'chủ tịch', 'bí thư', 'lãnh đạo',
  'quan chức', 'bộ đội', 'quân đội', 'mặt trận', 'đoàn', 'sinh viên', 'học sinh', 'giáo viên', 'bác sĩ',
  'thượng', 'thượng tá', 'cộng sản', 'trung quốc', 'việt nam', 'mỹ', 'tàu', 'bắc', 'nam',
  // complaints, crime and disaster news
  'tham nhũng', 'nhũng nhiễu', 'hách dịch', 'quan liêu', 'tiêu cực', 'sai phạm', 'lãng phí', 'hối lộ',
  'ăn chặn', 'đút lót', 'bức xúc', 'bất bình', 'phản đối', 'khiếu nại', 'tố cáo', 'cướp', 'cướp đất',
  'trộm', 'trộm cắp', 'lừa', 'lừa đảo', 'giết', 'giết người', 'chết', 'chết người', 'tử vong', 'đánh',
  'đánh nhau', 'đâm', 'bắn', 'đốt', 'phá', 'tai nạn', 'lũ', 'lũ lụt', 'lụt', 'bão', 'cháy', 'nổ', 'ô nhiễm',
  'rác', 'rác thải', 'chất thải', 'bẩn', 'hôi', 'thối', 'dơ', 'xấu', 'kém', 'thấp', 'rẻ', 'lạnh', 'đói',
  'nghèo', 'tù', 'phạt', 'bắt', 'nợ', 'độc', 'ác', 'hại', 'nạn', 'loạn', 'bạo lực', 'hiếp dâm', 'xâm hại',
  'ma túy', 'cờ bạc', 'chém', 'cắn', 'chích', 'chửi', 'mắng', 'chửi bới', 'cắp', 'xấu xa', 'phản động', 'bán nước', 'bom', 'đạn', 'súng', 'diệt',
  'hoạn', 'nạn nhân', 'thù', 'đe dọa', 'đòi', 'trục lợi', 'cưỡng chế', 'bắt giữ', 'khởi tố', 'tạm giam',
  // everyday words that ViHOS spans happened to cover
  'chó', 'bò', 'lợn', 'heo', 'vịt', 'ngựa', 'khỉ', 'trâu', 'gà', 'cá', 'rau', 'nồi', 'thùng', 'bụng',
  'cỏ', 'đậu', 'hòn', 'lá', 'củ', 'ốc', 'đỏ', 'đen', 'xám', 'trắng', 'vàng', 'quỳ', 'họa', 'lót', 'xích',
  'que', 'phản', 'khẩu', 'búa', 'liềm', 'búa liềm', 'đẳng', 'ống', 'bô', 'thăng', 'ưa', 'máu', 'dạy', 'cạn',
  'phím', 'móc', 'chim', 'banh', 'thang', 'loại', 'loài', 'ảo', 'mã', 'đám', 'dai', 'vong', 'nhai', 'ném',
  'bóp', 'hề', 'núp', 'bóc', 'mài', 'đập', 'vật', 'đẻ', 'lông', 'nồi', 'quái', 'tật', 'rối', 'lùm', 'sàm',
  'bóng', 'nail', 'sv', 'th', 'cu', 'mõm', 'mỏ', 'mồm', 'họng', 'sọ', 'óc', 'não', 'chui', 'nhét', 'hố',
  'gân', 'háng', 'đít', 'ỉa', 'đái', 'chôn', 'rách', 'nát', 'trơn', 'khuyết', 'ngục', 'bám', 'nuốt',
];

/**
 * Innocent phrases that contain an offensive-looking word ("ngu ngơ" is naive, "thằng bé" a
 * little boy, "lon bia" a beer can) and the commune's institutions and complaint vocabulary.
 * Their syllables are hidden from both the lexicon and the model (also when training).
 */
export const CLEAN_PHRASES: readonly string[] = [
  'ngu ngơ', 'ngây ngô', 'thằng bé', 'thằng cu', 'thằng nhỏ', 'con bé', 'cu cậu', 'cu tí', 'cu tý',
  'lon bia', 'lon nước', 'lon sữa', 'lon nước ngọt', 'nuôi chó', 'nuôi con chó', 'con chó nhà', 'chó nhà',
  'chó cắn', 'chó sủa', 'chó dại cắn', 'chó dại', 'bệnh dại', 'trộm chó', 'bả chó', 'thịt chó', 'chó mèo', 'chó thả rông',
  'đái tháo đường', 'tiểu đường', 'đi tiểu', 'con cá', 'cá chép', 'đậu phụ', 'óc chó mỹ', 'hạt óc chó',
  'quả óc chó', 'ủy ban nhân dân', 'hội đồng nhân dân', 'chính quyền', 'cán bộ', 'công chức',
  'tham nhũng', 'nhũng nhiễu', 'hách dịch', 'quan liêu', 'cửa quyền', 'tiêu cực', 'sai phạm', 'lãng phí',
  'bức xúc', 'xuống cấp', 'ô nhiễm', 'khiếu nại', 'tố cáo', 'phản ánh', 'kiến nghị', 'tai nạn',
  'lũ lụt', 'mưa lũ', 'lũ quét', 'nước lũ', 'đỉnh lũ', 'chết đuối', 'tử vong', 'nạn nhân', 'người chết',
  'bị chết', 'đã chết', 'chết người', 'chết cháy', 'bị thương', 'thiệt mạng', 'chửi dân', 'bị chửi', 'quát mắng',
  // places and bodies of the commune: the words every post about it is made of
  'thôn', 'xã', 'bản', 'xóm', 'làng', 'huyện', 'tỉnh', 'ấp', 'tổ dân phố', 'trưởng thôn', 'trưởng bản',
  'nhà văn hóa', 'ủy ban', 'đảng ủy', 'chi bộ', 'mặt trận tổ quốc', 'hội phụ nữ', 'hội nông dân',
  'đoàn thanh niên', 'cựu chiến binh', 'trạm y tế', 'bà con', 'nhân dân', 'người dân', 'cử tri',
  // floods and storms ("lũ" is also "a gang of", as in "lũ chó")
  'sau lũ', 'mùa lũ', 'vùng lũ', 'lũ về', 'lũ lên', 'lũ rút', 'lũ lớn', 'chống lũ', 'phòng chống lũ',
  'tránh lũ', 'thoát lũ', 'xả lũ', 'bão lũ', 'lũ ống', 'lũ trẻ', 'cơn lũ', 'trận lũ', 'nước lên',
  // livestock and farming ("con bò", "con lợn" are also insults)
  'trâu bò', 'con bò', 'bò giống', 'nuôi bò', 'chăn bò', 'đàn bò', 'thịt bò', 'con lợn', 'lợn giống',
  'nuôi lợn', 'thịt lợn', 'chuồng lợn', 'dịch tả lợn', 'lợn chết', 'con trâu', 'trâu chết', 'chết rét',
  'gà chết', 'đàn gà', 'nuôi gà', 'con gà', 'gia súc', 'gia cầm', 'chuồng trại',
];
