// Posts of a weekly digest, shared by the tests of how long texts are read and learned.

export const ROUTINE = [
  'Sáng thứ Hai, Trường Tiểu học Phú Thông tổ chức lễ chào cờ đầu tuần với chủ đề an toàn giao thông cho học sinh. Các em được hướng dẫn cách đội mũ bảo hiểm đúng cách và đi bộ bên phải đường.',
  'Hội Liên hiệp Phụ nữ xã Phú Thông tổ chức lớp tập huấn làm bánh truyền thống cho hội viên các thôn. Lớp học kéo dài ba buổi, mỗi buổi có khoảng bốn mươi chị em tham gia.',
  'Đoàn Thanh niên xã ra quân dọn vệ sinh đường làng, trồng thêm hai trăm cây xanh dọc tuyến đường liên thôn. Hoạt động nằm trong chuỗi chương trình tháng thanh niên năm nay.',
  'Trạm Y tế xã thông báo lịch khám sức khỏe định kỳ cho người cao tuổi vào sáng thứ Năm. Người dân mang theo thẻ bảo hiểm y tế và sổ theo dõi sức khỏe khi đến khám.',
];
export const COMPLAINT =
  'Bà con thôn Nà Pài phản ánh đoạn đường vào thôn bị sạt lở đã hơn một tháng, xe máy đi qua rất nguy hiểm, đã báo lên xã nhiều lần nhưng chưa thấy ai xuống xử lý.';
