/** A column of DataTable. */
export interface Column<Row> {
	key: string;
	label: string;
	align?: 'left' | 'right';
	/** text of a cell; defaults to the raw value */
	format?: (row: Row) => string;
	sortable?: boolean;
	hint?: string;
}
