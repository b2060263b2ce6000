/** The channels and journey page. */
export const en = {
	'channels.title': 'Channels and journey',
	'channels.subtitle':
		'Where customers interact and buy, how satisfied they are, how fast support answers, and how far they get on the journey.',
	'channels.interactions': 'Interactions by channel',
	'channels.interactionsSubtitle': 'Every interaction of any type, per period.',
	'channels.revenue': 'Net revenue by channel',
	'channels.revenueSubtitle': 'Purchases minus refunds, by the channel of the purchase.',
	'channels.csat': 'Customer satisfaction (CSAT) by channel',
	'channels.csatSubtitle':
		'Share of survey answers 1–5; mean after each channel. All channels: {mean} from {n} answers.',
	'channels.csatScore': 'Score {score}',
	'channels.tickets': 'Support ticket resolution time',
	'channels.ticketsSubtitle': 'Hours from opening to resolution, all channels: median and 90th percentile.',
	'channels.ticketsBy': 'By channel, {period}',
	'channels.ticketCount': 'Tickets',
	'channels.channel': 'Channel',
	'channels.median': 'Median',
	'channels.p90': '90th percentile',
	'channels.hours': '{n} h',
	'channels.funnel': 'Customer journey',
	'channels.funnelSubtitle':
		'Customers first seen in the date range who reached each step or a later one (a purchase counts as engaged). Click a step to list its customers.'
};

export const vi: Record<keyof typeof en, string> = {
	'channels.title': 'Kênh và hành trình',
	'channels.subtitle':
		'Khách hàng tương tác và mua ở đâu, hài lòng đến mức nào, hỗ trợ trả lời nhanh ra sao, và họ đi được bao xa trên hành trình.',
	'channels.interactions': 'Tương tác theo kênh',
	'channels.interactionsSubtitle': 'Mọi loại tương tác, theo từng kỳ.',
	'channels.revenue': 'Doanh thu thuần theo kênh',
	'channels.revenueSubtitle': 'Tiền mua trừ tiền hoàn, theo kênh mua hàng.',
	'channels.csat': 'Mức hài lòng (CSAT) theo kênh',
	'channels.csatSubtitle':
		'Tỷ lệ câu trả lời khảo sát 1–5; điểm trung bình sau tên kênh. Mọi kênh: {mean} từ {n} câu trả lời.',
	'channels.csatScore': 'Điểm {score}',
	'channels.tickets': 'Thời gian xử lý yêu cầu hỗ trợ',
	'channels.ticketsSubtitle': 'Số giờ từ lúc mở đến lúc xử lý xong, mọi kênh: trung vị và phân vị 90.',
	'channels.ticketsBy': 'Theo kênh, {period}',
	'channels.ticketCount': 'Yêu cầu',
	'channels.channel': 'Kênh',
	'channels.median': 'Trung vị',
	'channels.p90': 'Phân vị 90',
	'channels.hours': '{n} giờ',
	'channels.funnel': 'Hành trình khách hàng',
	'channels.funnelSubtitle':
		'Khách hàng xuất hiện lần đầu trong khoảng thời gian đã chọn, đạt tới từng bước hoặc một bước sau đó (đã mua hàng được tính là có tham gia). Nhấp vào một bước để xem danh sách khách hàng.'
};
