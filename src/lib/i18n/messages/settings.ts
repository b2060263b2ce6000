/** The settings page: the database's currency, churn window and time zone. */
export const en = {
	'settings.title': 'Settings',
	'settings.subtitle':
		'How this database’s numbers are read: the currency every amount is in, the churn window and the time zone.',
	'settings.currency': 'Currency',
	'settings.currency.hint':
		'Every amount in the data is in this currency. It changes how money is shown, not the amounts.',
	'settings.currency.other': 'Other (ISO 4217 code)',
	'settings.currency.code': 'Currency code',
	'settings.currency.example': 'Example: {value}',
	'settings.currency.source.default': 'Not chosen yet: the default (VND).',
	'settings.currency.source.preset': 'Set by the layout of a loaded file (e.g. Online Retail: GBP).',
	'settings.currency.source.user': 'Chosen by a person.',
	'settings.save': 'Save',
	'settings.saved': 'Saved: amounts are now shown in {code}.',
	'settings.failed': 'Not saved: {reason}',
	'settings.fixed': 'Set from the command line',
	'settings.inactivity': 'Churn window',
	'settings.inactivity.value': '{n} days without a purchase',
	'settings.timezone': 'Time zone',
	'settings.cli':
		'Change these with {command}; the derived tables are rebuilt after the churn window changes.'
};

export const vi: Record<keyof typeof en, string> = {
	'settings.title': 'Cài đặt',
	'settings.subtitle':
		'Cách đọc các con số của cơ sở dữ liệu này: đơn vị tiền tệ của mọi số tiền, khoảng thời gian tính rời bỏ và múi giờ.',
	'settings.currency': 'Đơn vị tiền tệ',
	'settings.currency.hint':
		'Mọi số tiền trong dữ liệu đều tính bằng đơn vị này. Thay đổi chỉ đổi cách hiển thị, không đổi số tiền.',
	'settings.currency.other': 'Khác (mã ISO 4217)',
	'settings.currency.code': 'Mã tiền tệ',
	'settings.currency.example': 'Ví dụ: {value}',
	'settings.currency.source.default': 'Chưa chọn: dùng mặc định (VND).',
	'settings.currency.source.preset': 'Do định dạng của tệp đã nạp đặt (ví dụ Online Retail: GBP).',
	'settings.currency.source.user': 'Do người dùng chọn.',
	'settings.save': 'Lưu',
	'settings.saved': 'Đã lưu: số tiền nay hiển thị bằng {code}.',
	'settings.failed': 'Chưa lưu được: {reason}',
	'settings.fixed': 'Đặt bằng dòng lệnh',
	'settings.inactivity': 'Khoảng tính rời bỏ',
	'settings.inactivity.value': '{n} ngày không mua hàng',
	'settings.timezone': 'Múi giờ',
	'settings.cli': 'Thay đổi bằng {command}; các bảng dẫn xuất được tính lại sau khi đổi khoảng tính rời bỏ.'
};
