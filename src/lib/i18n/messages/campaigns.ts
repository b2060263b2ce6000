/** Campaigns: a list sent on a channel with a holdout control group, and the lift it measured. */
export const en = {
	'campaigns.title': 'Campaigns',
	'campaigns.subtitle':
		'A campaign sends a saved list on one channel and holds a random control group back, so that its effect is measured, not guessed.',
	'campaigns.none': 'No campaigns yet. Create one from a saved list with `crm campaign create`.',
	'campaigns.col.name': 'Campaign',
	'campaigns.col.list': 'List',
	'campaigns.col.channel': 'Channel',
	'campaigns.col.send': 'Send date',
	'campaigns.col.window': 'Window (days)',
	'campaigns.col.treated': 'Treated',
	'campaigns.col.control': 'Control',
	'campaigns.col.status': 'Status',
	'campaigns.draft': 'Draft',
	'campaigns.launched': 'Launched',
	'campaigns.demo': 'sample data, known effect',
	'campaigns.back': 'All campaigns',
	'campaigns.setup':
		'List “{list}” on {channel}, sent {send}, responses counted for {window} days, {share} held out (seed {seed}).',
	'campaigns.leftOut': '{n} members left out: no consent for {channel}.',
	'campaigns.notLaunched':
		'This campaign is a draft: launch it (crm campaign launch {id}) to draw its groups.',
	'campaigns.observed': 'Data covers {days} of {window} days of the window.',
	'campaigns.group': 'Group',
	'campaigns.treated': 'Treated',
	'campaigns.control': 'Control',
	'campaigns.customers': 'Customers',
	'campaigns.converters': 'Converters',
	'campaigns.conversion': 'Conversion rate',
	'campaigns.orders': 'Orders',
	'campaigns.revenuePerCustomer': 'Revenue per customer',
	'campaigns.lift': 'Lift (treated − control)',
	'campaigns.liftConversion': 'Conversion lift',
	'campaigns.liftRelative': 'Relative lift',
	'campaigns.liftRevenue': 'Revenue per customer lift',
	'campaigns.interval': '95% interval {low} to {high}',
	'campaigns.pValue': 'p-value {p}',
	'campaigns.incrementalOrders': 'Incremental orders',
	'campaigns.incrementalRevenue': 'Incremental revenue',
	'campaigns.points': '{value} points',
	'campaigns.chartTitle': 'Cumulative conversion by day since the send date',
	'campaigns.chartDay': 'Day {day}',
	'campaigns.verdict.positive':
		'The campaign worked: treated customers converted {lift} points more than the control group (95% interval {low} to {high}).',
	'campaigns.verdict.negative':
		'The campaign did harm: treated customers converted {lift} points less than the control group (95% interval {low} to {high}).',
	'campaigns.verdict.none':
		'No detectable effect yet; with these group sizes the smallest detectable lift is {mde} points.',
	'campaigns.verdict.not_launched': 'Not launched yet: there are no groups to compare.',
	'campaigns.verdict.no_groups':
		'The groups are too small to compare (at least two customers in each are needed).',
	'campaigns.verdict.not_started': 'The response window has not begun in the data yet.',
	'campaigns.trueEffect': 'True effect set by the sample data generator: {lift} points of conversion.'
};

export const vi: Record<keyof typeof en, string> = {
	'campaigns.title': 'Chiến dịch',
	'campaigns.subtitle':
		'Một chiến dịch gửi một danh sách đã lưu qua một kênh và giữ lại một nhóm đối chứng ngẫu nhiên, để hiệu quả được đo lường chứ không phải đoán.',
	'campaigns.none':
		'Chưa có chiến dịch nào. Tạo chiến dịch từ một danh sách đã lưu bằng `crm campaign create`.',
	'campaigns.col.name': 'Chiến dịch',
	'campaigns.col.list': 'Danh sách',
	'campaigns.col.channel': 'Kênh',
	'campaigns.col.send': 'Ngày gửi',
	'campaigns.col.window': 'Thời gian theo dõi (ngày)',
	'campaigns.col.treated': 'Nhóm nhận',
	'campaigns.col.control': 'Nhóm đối chứng',
	'campaigns.col.status': 'Trạng thái',
	'campaigns.draft': 'Bản nháp',
	'campaigns.launched': 'Đã triển khai',
	'campaigns.demo': 'dữ liệu mẫu, hiệu quả đã biết',
	'campaigns.back': 'Tất cả chiến dịch',
	'campaigns.setup':
		'Danh sách “{list}” qua {channel}, gửi ngày {send}, tính phản hồi trong {window} ngày, giữ lại {share} (hạt giống {seed}).',
	'campaigns.leftOut': '{n} khách hàng bị loại: không đồng ý nhận qua {channel}.',
	'campaigns.notLaunched': 'Chiến dịch này là bản nháp: triển khai (crm campaign launch {id}) để chia nhóm.',
	'campaigns.observed': 'Dữ liệu bao phủ {days} trên {window} ngày theo dõi.',
	'campaigns.group': 'Nhóm',
	'campaigns.treated': 'Nhóm nhận',
	'campaigns.control': 'Nhóm đối chứng',
	'campaigns.customers': 'Khách hàng',
	'campaigns.converters': 'Khách mua',
	'campaigns.conversion': 'Tỷ lệ chuyển đổi',
	'campaigns.orders': 'Đơn hàng',
	'campaigns.revenuePerCustomer': 'Doanh thu mỗi khách',
	'campaigns.lift': 'Mức tăng (nhóm nhận − đối chứng)',
	'campaigns.liftConversion': 'Mức tăng chuyển đổi',
	'campaigns.liftRelative': 'Mức tăng tương đối',
	'campaigns.liftRevenue': 'Mức tăng doanh thu mỗi khách',
	'campaigns.interval': 'Khoảng tin cậy 95% từ {low} đến {high}',
	'campaigns.pValue': 'giá trị p {p}',
	'campaigns.incrementalOrders': 'Đơn hàng tăng thêm',
	'campaigns.incrementalRevenue': 'Doanh thu tăng thêm',
	'campaigns.points': '{value} điểm',
	'campaigns.chartTitle': 'Tỷ lệ chuyển đổi cộng dồn theo ngày kể từ ngày gửi',
	'campaigns.chartDay': 'Ngày {day}',
	'campaigns.verdict.positive':
		'Chiến dịch có hiệu quả: nhóm nhận chuyển đổi cao hơn nhóm đối chứng {lift} điểm (khoảng tin cậy 95% từ {low} đến {high}).',
	'campaigns.verdict.negative':
		'Chiến dịch gây hại: nhóm nhận chuyển đổi thấp hơn nhóm đối chứng {lift} điểm (khoảng tin cậy 95% từ {low} đến {high}).',
	'campaigns.verdict.none':
		'Chưa thấy hiệu quả rõ rệt; với quy mô nhóm này, mức tăng nhỏ nhất có thể phát hiện là {mde} điểm.',
	'campaigns.verdict.not_launched': 'Chưa triển khai: chưa có nhóm để so sánh.',
	'campaigns.verdict.no_groups': 'Các nhóm quá nhỏ để so sánh (mỗi nhóm cần ít nhất hai khách hàng).',
	'campaigns.verdict.not_started': 'Dữ liệu chưa có ngày nào trong thời gian theo dõi.',
	'campaigns.trueEffect': 'Hiệu quả thật do bộ sinh dữ liệu mẫu đặt: {lift} điểm chuyển đổi.'
};
