/**
 * Vietnamese names, provinces, phone prefixes and e-mail domains with the weights the generator draws
 * them by. Family-name frequencies follow the commonly cited national shares (Nguyễn ~38%, Trần ~11%,
 * Lê ~9.5%, Phạm ~7%, ...), shifted by macro region (Hoàng and Vũ in the North, Huỳnh and Võ in the South).
 */
import { cumulativeWeights } from './random';

export type MacroRegion = 'Miền Bắc' | 'Miền Trung' | 'Miền Nam';
export const MACRO_REGIONS: readonly MacroRegion[] = ['Miền Bắc', 'Miền Trung', 'Miền Nam'];

/** [name, national share in %]. */
const FAMILY: readonly [string, number][] = [
	['Nguyễn', 38.4],
	['Trần', 11.0],
	['Lê', 9.5],
	['Phạm', 7.0],
	['Hoàng', 3.3],
	['Huỳnh', 1.8],
	['Phan', 4.5],
	['Vũ', 2.2],
	['Võ', 1.7],
	['Đặng', 2.1],
	['Bùi', 2.0],
	['Đỗ', 1.4],
	['Hồ', 1.3],
	['Ngô', 1.3],
	['Dương', 1.0],
	['Lý', 0.5],
	['Đinh', 0.8],
	['Đoàn', 0.7],
	['Trương', 0.8],
	['Lâm', 0.6],
	['Mai', 0.5],
	['Trịnh', 0.5],
	['Lương', 0.4],
	['Cao', 0.4],
	['Hà', 0.5],
	['Tạ', 0.3]
];

/** Regional multipliers of the national shares. */
const FAMILY_REGION_SHIFT: Record<MacroRegion, Record<string, number>> = {
	'Miền Bắc': { Hoàng: 1.6, Vũ: 1.6, Huỳnh: 0.2, Võ: 0.3, Trịnh: 1.5, Đỗ: 1.3 },
	'Miền Trung': { Hồ: 1.8, Phan: 1.3, Võ: 1.4, Hoàng: 1.1 },
	'Miền Nam': { Huỳnh: 1.8, Võ: 1.6, Hoàng: 0.5, Vũ: 0.5, Lâm: 1.5, Lý: 1.5, Trương: 1.3 }
};

export const FAMILY_NAMES: readonly string[] = FAMILY.map(([n]) => n);
export const FAMILY_BY_REGION: Record<MacroRegion, Float64Array> = Object.fromEntries(
	MACRO_REGIONS.map((r) => [
		r,
		cumulativeWeights(FAMILY.map(([n, w]) => w * (FAMILY_REGION_SHIFT[r][n] ?? 1)))
	])
) as Record<MacroRegion, Float64Array>;

export const MIDDLE_NAMES = {
	female: ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Phương', 'Minh', 'Hoài', 'Mai', 'Khánh', 'Bảo', 'Kim', 'Hồng'],
	male: ['Văn', 'Đức', 'Minh', 'Quốc', 'Hữu', 'Thanh', 'Công', 'Quang', 'Hoàng', 'Tuấn', 'Gia', 'Anh'],
	other: ['Minh', 'Thanh', 'Khánh', 'Bảo', 'Gia', 'Ngọc']
} as const;
/** 'Thị' and 'Văn' are by far the most common middle names. */
export const MIDDLE_WEIGHTS = {
	female: cumulativeWeights([40, 12, 6, 8, 5, 6, 3, 4, 4, 4, 4, 4]),
	male: cumulativeWeights([35, 12, 12, 7, 6, 6, 5, 5, 4, 3, 3, 2]),
	other: cumulativeWeights([1, 1, 1, 1, 1, 1])
};

export const GIVEN_NAMES = {
	female: [
		'Anh',
		'Hương',
		'Lan',
		'Linh',
		'Mai',
		'Ngọc',
		'Nhung',
		'Phương',
		'Thảo',
		'Trang',
		'Vy',
		'Yến',
		'Hà',
		'Hạnh',
		'Hằng',
		'Hoa',
		'Huyền',
		'Nga',
		'Ngân',
		'Nhi',
		'Quỳnh',
		'Thu',
		'Thủy',
		'Trâm',
		'Uyên',
		'Vân',
		'Chi',
		'Giang',
		'My',
		'Diệp'
	],
	male: [
		'Anh',
		'Hùng',
		'Dũng',
		'Minh',
		'Tuấn',
		'Hải',
		'Long',
		'Nam',
		'Phong',
		'Quân',
		'Sơn',
		'Thắng',
		'Trung',
		'Việt',
		'Khoa',
		'Đạt',
		'Huy',
		'Hiếu',
		'Bảo',
		'Khang',
		'Phúc',
		'Thịnh',
		'Tài',
		'Lộc',
		'Kiên',
		'Cường',
		'Toàn',
		'Vinh',
		'Hoàng',
		'Đức'
	],
	other: ['An', 'Anh', 'Minh', 'Khánh', 'Linh', 'Lâm']
} as const;

export type Gender = 'female' | 'male' | 'other';
export const GENDERS: readonly Gender[] = ['female', 'male', 'other'];
/** female, male, other; a further 1% leaves gender empty (not given). */
export const GENDER_WEIGHTS = cumulativeWeights([51.5, 46.5, 1, 1]);

/** [province, macro region, weight]: urban centres dominate e-commerce customers. Pre-2025-merger names. */
export const PROVINCES: readonly [string, MacroRegion, number][] = [
	['TP. Hồ Chí Minh', 'Miền Nam', 24],
	['Hà Nội', 'Miền Bắc', 18],
	['Đà Nẵng', 'Miền Trung', 4],
	['Hải Phòng', 'Miền Bắc', 4],
	['Cần Thơ', 'Miền Nam', 3],
	['Bình Dương', 'Miền Nam', 4],
	['Đồng Nai', 'Miền Nam', 4],
	['Khánh Hòa', 'Miền Trung', 2],
	['Bắc Ninh', 'Miền Bắc', 2],
	['Quảng Ninh', 'Miền Bắc', 2],
	['Thừa Thiên Huế', 'Miền Trung', 2],
	['Nghệ An', 'Miền Trung', 3],
	['Thanh Hóa', 'Miền Trung', 3],
	['Long An', 'Miền Nam', 2],
	['Bà Rịa - Vũng Tàu', 'Miền Nam', 2],
	['Lâm Đồng', 'Miền Trung', 1.5],
	['Đắk Lắk', 'Miền Trung', 1.5],
	['An Giang', 'Miền Nam', 1.5],
	['Kiên Giang', 'Miền Nam', 1.5],
	['Thái Nguyên', 'Miền Bắc', 1.5],
	['Nam Định', 'Miền Bắc', 1.5],
	['Hải Dương', 'Miền Bắc', 1.5],
	['Bình Định', 'Miền Trung', 1.5],
	['Quảng Nam', 'Miền Trung', 1.5],
	['Tiền Giang', 'Miền Nam', 1.5],
	['Vĩnh Phúc', 'Miền Bắc', 1],
	['Gia Lai', 'Miền Trung', 1],
	['Bình Thuận', 'Miền Trung', 1],
	['Thái Bình', 'Miền Bắc', 1],
	['Bến Tre', 'Miền Nam', 1]
];
export const PROVINCE_NAMES: readonly string[] = PROVINCES.map(([p]) => p);
export const PROVINCE_WEIGHTS = cumulativeWeights(PROVINCES.map(([, , w]) => w));

/** Mobile prefixes after +84 (Viettel, Vinaphone, MobiFone, Vietnamobile, Gmobile), weighted by network share. */
const PHONE_PREFIXES: readonly [string, number][] = [
	...['86', '96', '97', '98', '32', '33', '34', '35', '36', '37', '38', '39'].map((p): [string, number] => [
		p,
		50 / 12
	]),
	...['88', '91', '94', '81', '82', '83', '84', '85'].map((p): [string, number] => [p, 28 / 8]),
	...['89', '90', '93', '70', '76', '77', '78', '79'].map((p): [string, number] => [p, 20 / 8]),
	...['92', '56', '58', '99', '59'].map((p): [string, number] => [p, 2 / 5])
];
export const PHONE_PREFIX_CODES: readonly string[] = PHONE_PREFIXES.map(([p]) => p);
export const PHONE_PREFIX_WEIGHTS = cumulativeWeights(PHONE_PREFIXES.map(([, w]) => w));

/**
 * A phone number unique per customer index: the 7 subscriber digits are (index * 3,999,971 + offset) mod
 * 10^7, a bijection on 0..10^7-1 because the multiplier is prime to 10.
 */
export function phoneNumber(prefix: string, index: number, offset: number): string {
	const subscriber = (index * 3_999_971 + offset) % 10_000_000;
	return `+84${prefix}${String(subscriber).padStart(7, '0')}`;
}

export const EMAIL_DOMAINS: readonly string[] = [
	'gmail.com',
	'yahoo.com',
	'outlook.com',
	'hotmail.com',
	'icloud.com',
	'yahoo.com.vn',
	'fpt.com.vn',
	'vnn.vn'
];
export const EMAIL_DOMAIN_WEIGHTS = cumulativeWeights([72, 7, 5, 4, 5, 3, 2, 2]);

const folded = new Map<string, string>();

/** Vietnamese text without diacritics, lower case: 'Nguyễn Thị Thủy' -> 'nguyen thi thuy'. */
export function asciiFold(text: string): string {
	let out = folded.get(text);
	if (out === undefined) {
		out = foldUncached(text);
		if (folded.size < 10_000) folded.set(text, out);
	}
	return out;
}

function foldUncached(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.toLowerCase();
}

/**
 * An e-mail address unique per customer: every pattern ends in the customer number, and name parts never
 * end in a digit, so two customers never share one.
 */
export function emailAddress(
	family: string,
	middle: string,
	given: string,
	number: number,
	pattern: number,
	domain: string
): string {
	const f = asciiFold(family);
	const m = asciiFold(middle);
	const g = asciiFold(given);
	const local =
		pattern === 0
			? `${g}${f}${number}`
			: pattern === 1
				? `${g}.${f}${number}`
				: pattern === 2
					? `${f}${m}${g}${number}`
					: pattern === 3
						? `${g}_${f}${number}`
						: `${f[0] ?? ''}${m[0] ?? ''}${g}${number}`;
	return `${local.replace(/\s+/g, '')}@${domain}`;
}
