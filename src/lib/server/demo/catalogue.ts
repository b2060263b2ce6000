/**
 * The small product catalogue: each category has a unit price band (VND). A purchase's category is drawn
 * among the categories whose band holds its unit price, so expensive orders are phones, cheap ones books.
 */
export interface Category {
	name: string;
	code: string;
	minPrice: number;
	maxPrice: number;
	/** Relative popularity among categories that fit a price. */
	weight: number;
	/** Products in the category: product ids <code>-001 ... */
	products: number;
}

export const CATEGORIES: readonly Category[] = [
	{ name: 'phụ kiện', code: 'PK', minPrice: 0, maxPrice: 350_000, weight: 3, products: 40 },
	{ name: 'sách', code: 'SA', minPrice: 0, maxPrice: 300_000, weight: 2, products: 60 },
	{ name: 'áo thun', code: 'AT', minPrice: 80_000, maxPrice: 450_000, weight: 4, products: 50 },
	{ name: 'mỹ phẩm', code: 'MP', minPrice: 90_000, maxPrice: 1_500_000, weight: 4, products: 60 },
	{ name: 'quần jeans', code: 'QJ', minPrice: 250_000, maxPrice: 1_000_000, weight: 3, products: 30 },
	{ name: 'giày', code: 'GI', minPrice: 350_000, maxPrice: 3_000_000, weight: 3, products: 40 },
	{ name: 'túi xách', code: 'TX', minPrice: 300_000, maxPrice: 4_000_000, weight: 2, products: 30 },
	{ name: 'đồ gia dụng', code: 'GD', minPrice: 150_000, maxPrice: 8_000_000, weight: 3, products: 50 },
	{ name: 'đồng hồ', code: 'DH', minPrice: 700_000, maxPrice: 12_000_000, weight: 1, products: 20 },
	{ name: 'điện thoại', code: 'DT', minPrice: 2_500_000, maxPrice: Infinity, weight: 2, products: 25 }
];

/** Offsets of each category's first product in one global product numbering (0-based). */
export const PRODUCT_OFFSETS: readonly number[] = CATEGORIES.reduce<number[]>(
	(acc, c, i) => [...acc, i === 0 ? 0 : acc[i - 1]! + CATEGORIES[i - 1]!.products],
	[]
);

/** Product ids in the global numbering, e.g. 'MP-007'. */
export const PRODUCT_IDS: readonly string[] = CATEGORIES.flatMap((c) =>
	Array.from({ length: c.products }, (_, i) => `${c.code}-${String(i + 1).padStart(3, '0')}`)
);

/** Index of the product's category, by global product number. */
export const PRODUCT_CATEGORY: readonly number[] = CATEGORIES.flatMap((c, i) =>
	Array.from({ length: c.products }, () => i)
);
