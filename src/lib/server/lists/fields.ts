import { LIFECYCLE_STAGES } from '../../filters';

/**
 * The fields a list rule can use: the columns of table `customer_features` (built from
 * queries/customer_features.sql). This list is the whitelist: a rule names a field by its key, and only the
 * keys below ever become SQL identifiers.
 */
export const FIELD_TYPES = ['number', 'category', 'date', 'boolean', 'list'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FIELD_GROUPS = ['rfm', 'value', 'prediction', 'profile', 'activity', 'consent'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

export interface FieldDef {
	/** The column of customer_features, and the name rules use. */
	key: string;
	type: FieldType;
	group: FieldGroup;
	label: { en: string; vi: string };
	/** Known values of a category (others may occur; the UI also asks the database). */
	values?: readonly string[];
	/** Whole numbers only (scores, counts): the UI offers integer inputs. */
	integer?: boolean;
	/** Money in the business currency. */
	money?: boolean;
	/** A probability 0..1 (the builder asks for it in %). */
	share?: boolean;
	/** A number of days. */
	days?: boolean;
}

export const INTERACTION_TYPES = [
	'purchase',
	'refund',
	'email_open',
	'email_click',
	'web_visit',
	'support_ticket',
	'call',
	'survey'
] as const;

export const AGE_BANDS = ['<18', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export const CHURN_BANDS = ['low', 'medium', 'high'] as const;

const lastOf: Record<(typeof INTERACTION_TYPES)[number], { en: string; vi: string }> = {
	purchase: { en: 'Last purchase', vi: 'Lần mua gần nhất' },
	refund: { en: 'Last refund', vi: 'Lần hoàn tiền gần nhất' },
	email_open: { en: 'Last email open', vi: 'Lần mở email gần nhất' },
	email_click: { en: 'Last email click', vi: 'Lần nhấp email gần nhất' },
	web_visit: { en: 'Last web visit', vi: 'Lần truy cập web gần nhất' },
	support_ticket: { en: 'Last support ticket', vi: 'Yêu cầu hỗ trợ gần nhất' },
	call: { en: 'Last call', vi: 'Cuộc gọi gần nhất' },
	survey: { en: 'Last survey', vi: 'Khảo sát gần nhất' }
};

export const FIELDS: readonly FieldDef[] = [
	{
		key: 'customer_id',
		type: 'category',
		group: 'profile',
		label: { en: 'Customer ID', vi: 'Mã khách hàng' }
	},
	// RFM (customer_summary)
	{ key: 'rfm_segment', type: 'category', group: 'rfm', label: { en: 'RFM segment', vi: 'Phân khúc RFM' } },
	{ key: 'r_score', type: 'number', group: 'rfm', integer: true, label: { en: 'R score', vi: 'Điểm R' } },
	{ key: 'f_score', type: 'number', group: 'rfm', integer: true, label: { en: 'F score', vi: 'Điểm F' } },
	{ key: 'm_score', type: 'number', group: 'rfm', integer: true, label: { en: 'M score', vi: 'Điểm M' } },
	{
		key: 'recency_days',
		type: 'number',
		days: true,
		group: 'rfm',
		integer: true,
		label: { en: 'Recency (days since last purchase)', vi: 'Số ngày từ lần mua cuối' }
	},
	{
		key: 'orders',
		type: 'number',
		group: 'rfm',
		integer: true,
		label: { en: 'Frequency (orders)', vi: 'Tần suất (số đơn)' }
	},
	{
		key: 'net_revenue',
		type: 'number',
		group: 'rfm',
		money: true,
		label: { en: 'Monetary (net revenue)', vi: 'Giá trị (doanh thu thuần)' }
	},
	{
		key: 'avg_order_value',
		type: 'number',
		group: 'value',
		money: true,
		label: { en: 'Average order value', vi: 'Giá trị đơn trung bình' }
	},
	{
		key: 'lifecycle_stage',
		type: 'category',
		group: 'rfm',
		values: LIFECYCLE_STAGES,
		label: { en: 'Lifecycle stage', vi: 'Giai đoạn vòng đời' }
	},
	{
		key: 'first_purchase_at',
		type: 'date',
		group: 'activity',
		label: { en: 'First purchase', vi: 'Lần mua đầu' }
	},
	{
		key: 'tenure_days',
		type: 'number',
		days: true,
		group: 'activity',
		integer: true,
		label: { en: 'Tenure (days since first purchase)', vi: 'Thâm niên (ngày)' }
	},
	// Models (predictions, latest BG/NBD run)
	{
		key: 'historic_clv',
		type: 'number',
		group: 'value',
		money: true,
		label: { en: 'Historic CLV', vi: 'CLV lịch sử' }
	},
	{
		key: 'predicted_clv',
		type: 'number',
		group: 'value',
		money: true,
		label: { en: 'Predicted CLV', vi: 'CLV dự báo' }
	},
	{
		key: 'total_clv',
		type: 'number',
		group: 'value',
		money: true,
		label: { en: 'Total CLV', vi: 'Tổng CLV' }
	},
	{
		key: 'p_alive',
		type: 'number',
		group: 'prediction',
		share: true,
		label: { en: 'P(alive)', vi: 'P(còn hoạt động)' }
	},
	{
		key: 'churn_probability',
		type: 'number',
		group: 'prediction',
		share: true,
		label: { en: 'Churn probability', vi: 'Xác suất rời bỏ' }
	},
	{
		key: 'churn_band',
		type: 'category',
		group: 'prediction',
		values: CHURN_BANDS,
		label: { en: 'Churn risk', vi: 'Mức rủi ro rời bỏ' }
	},
	{
		key: 'expected_purchases',
		type: 'number',
		group: 'prediction',
		label: { en: 'Expected purchases (horizon)', vi: 'Số lần mua kỳ vọng' }
	},
	{
		key: 'expected_next_order',
		type: 'date',
		group: 'prediction',
		label: { en: 'Expected next order', vi: 'Đơn kế tiếp dự kiến' }
	},
	// Profile (customers)
	{ key: 'region', type: 'category', group: 'profile', label: { en: 'Region', vi: 'Khu vực' } },
	{ key: 'country', type: 'category', group: 'profile', label: { en: 'Country', vi: 'Quốc gia' } },
	{
		key: 'gender',
		type: 'category',
		group: 'profile',
		values: ['female', 'male', 'other'],
		label: { en: 'Gender', vi: 'Giới tính' }
	},
	{ key: 'age', type: 'number', group: 'profile', integer: true, label: { en: 'Age', vi: 'Tuổi' } },
	{
		key: 'age_band',
		type: 'category',
		group: 'profile',
		values: AGE_BANDS,
		label: { en: 'Age band', vi: 'Nhóm tuổi' }
	},
	{
		key: 'acquisition_channel',
		type: 'category',
		group: 'profile',
		label: { en: 'Acquisition channel', vi: 'Kênh thu hút' }
	},
	{ key: 'signup_at', type: 'date', group: 'profile', label: { en: 'Sign-up date', vi: 'Ngày đăng ký' } },
	{
		key: 'channels_used',
		type: 'list',
		group: 'activity',
		label: { en: 'Channels used', vi: 'Kênh đã dùng' }
	},
	// Interactions
	{
		key: 'last_interaction_at',
		type: 'date',
		group: 'activity',
		label: { en: 'Last interaction', vi: 'Tương tác gần nhất' }
	},
	{
		key: 'last_interaction_type',
		type: 'category',
		group: 'activity',
		values: INTERACTION_TYPES,
		label: { en: 'Type of last interaction', vi: 'Loại tương tác gần nhất' }
	},
	...INTERACTION_TYPES.map((t): FieldDef => ({
		key: `last_${t}_at`,
		type: 'date',
		group: 'activity',
		label: lastOf[t]
	})),
	{
		key: 'csat_mean',
		type: 'number',
		group: 'activity',
		label: { en: 'CSAT (mean, 1-5)', vi: 'CSAT (trung bình)' }
	},
	// Products (refresh step 'affinity': table customer_products; issue #17)
	{
		key: 'products_bought',
		type: 'list',
		group: 'activity',
		label: { en: 'Products bought', vi: 'Sản phẩm đã mua' }
	},
	{
		key: 'categories_bought',
		type: 'list',
		group: 'activity',
		label: { en: 'Categories bought', vi: 'Danh mục đã mua' }
	},
	{
		key: 'recommended_products',
		type: 'list',
		group: 'activity',
		label: { en: 'Recommended products', vi: 'Sản phẩm được gợi ý' }
	},
	{
		key: 'consent_email',
		type: 'boolean',
		group: 'consent',
		label: { en: 'Email consent', vi: 'Đồng ý nhận email' }
	},
	{
		key: 'consent_sms',
		type: 'boolean',
		group: 'consent',
		label: { en: 'SMS consent', vi: 'Đồng ý nhận SMS' }
	}
];

const byKey = new Map(FIELDS.map((f) => [f.key, f]));

export function fieldByKey(key: string): FieldDef | undefined {
	return byKey.get(key);
}

/** A column of customer_features as SQL: only keys from FIELDS pass, quoted as identifiers. */
export function fieldColumn(key: string): string {
	if (!byKey.has(key) || !/^[a-z][a-z0-9_]*$/.test(key)) throw new Error(`unknown field '${key}'`);
	return `f."${key}"`;
}
