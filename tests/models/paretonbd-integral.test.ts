import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDatasets } from '../helpers/db';
import { histories } from '../../src/lib/server/models/data';
import { fitParetoNbd } from '../../src/lib/server/models/fit';
import { gaussLegendre } from '../../src/lib/server/models/gauss-legendre';
import { identification } from '../../src/lib/server/models/identification';
import {
	paretoLogLikelihood,
	paretoLogLikelihoodWithGradient,
	type ParetoNbdParams
} from '../../src/lib/server/models/paretonbd';

const dir = sharedDatasets();
if (!dir)
	console.warn(
		'skipping the CDNOW Pareto/NBD checks: ../shared/datasets is absent (set CRM_SHARED_DATASETS)'
	);

/** A small spread of histories: one-time buyers, regulars, long-silent repeaters, x = 0 at T = 0. */
const mixed = histories([
	{ x: 0, tx: 0, T: 38.86 },
	{ x: 0, tx: 0, T: 2 },
	{ x: 1, tx: 1.7, T: 30.5 },
	{ x: 2, tx: 30.4, T: 32 },
	{ x: 7, tx: 35.1, T: 38.8 },
	{ x: 25, tx: 20, T: 60, weight: 3 },
	{ x: 120, tx: 99, T: 100 },
	{ x: 3, tx: 0.5, T: 75 }
]);

const points: ParetoNbdParams[] = [
	{ r: 0.5532, alpha: 10.577, s: 0.6062, beta: 11.669 },
	{ r: 1, alpha: 1, s: 1, beta: 1 },
	{ r: 0.8, alpha: 5, s: 0.0106, beta: 199 },
	{ r: 0.8, alpha: 50, s: 3, beta: 0.5 },
	{ r: 2, alpha: 0.3, s: 0.2, beta: 300 }
];

describe('Pareto/NBD likelihood by quadrature (integral form)', () => {
	it('Gauss-Legendre integrates polynomials up to degree 2n − 1 exactly', () => {
		const { nodes, weights } = gaussLegendre(8);
		const integral = (k: number) => nodes.reduce((acc, x, i) => acc + weights[i]! * x ** k, 0);
		for (const k of [0, 2, 8, 14]) expect(integral(k)).toBeCloseTo(2 / (k + 1), 14);
		expect(Math.abs(integral(7))).toBeLessThan(1e-15);
	});

	it('equals the 2F1 form (Fader & Hardie 2005 note, eq. 19 and 22) to 1e-12, α above and below β', () => {
		for (const p of points) {
			const want = paretoLogLikelihood(p, mixed);
			const got = paretoLogLikelihoodWithGradient(p, mixed).value;
			expect(Math.abs(got - want), `${JSON.stringify(p)}: ${got} vs ${want}`).toBeLessThan(
				1e-12 * Math.abs(want)
			);
		}
	});

	it('has the gradient of its value (central differences)', () => {
		const names = ['r', 'alpha', 's', 'beta'] as const;
		for (const p of points) {
			const { gradient } = paretoLogLikelihoodWithGradient(p, mixed);
			names.forEach((k, i) => {
				const h = 1e-6 * p[k];
				const up = paretoLogLikelihoodWithGradient({ ...p, [k]: p[k] + h }, mixed).value;
				const down = paretoLogLikelihoodWithGradient({ ...p, [k]: p[k] - h }, mixed).value;
				const numeric = (up - down) / (2 * h);
				expect(Math.abs(gradient[i]! - numeric), `${k} at ${JSON.stringify(p)}`).toBeLessThan(
					1e-5 * Math.max(1, Math.abs(numeric))
				);
			});
		}
	});

	it('stays finite where the 2F1 series fails (argument near 1: α ≪ β)', () => {
		const p = { r: 0.05, alpha: 0.1, s: 5, beta: 1000 };
		expect(Number.isFinite(paretoLogLikelihoodWithGradient(p, mixed).value)).toBe(true);
	});
});

describe('identification', () => {
	it('flags a huge standard error, a ridge and a flat likelihood, and passes a well-pinned estimate', () => {
		const names = ['s', 'beta'];
		const well = identification(names, [1, 10], -100, [
			[0.01, 0.001],
			[0.001, 0.02]
		]);
		expect(well).toEqual({ poorlyIdentified: false, reasons: [] });
		const ridge = identification(
			names,
			[30, 6e5],
			-100,
			[
				[25, 24.99],
				[24.99, 25]
			],
			[{ theta: [0.02, 377], logLikelihood: -100.005 }]
		);
		expect(ridge.poorlyIdentified).toBe(true);
		expect(ridge.reasons.join('\n')).toMatch(/huge standard error: s/);
		expect(ridge.reasons.join('\n')).toMatch(/ridge: s and beta/);
		expect(ridge.reasons.join('\n')).toMatch(/flat likelihood/);
		expect(identification(names, [1, 1], -1, undefined).reasons).toEqual([
			'the information matrix is singular: no standard errors'
		]);
	});
});

describe.skipIf(!dir)('Pareto/NBD on CDNOW (Fader, Hardie & Lee 2005)', () => {
	it('is well identified with one start', () => {
		const text = readFileSync(join(dir!, 'cdnow', 'cdnow_customers_summary.csv'), 'utf8');
		const rows = text
			.trim()
			.split('\n')
			.slice(1)
			.map((line) => {
				const [, x, tx, T] = line.split(',').map(Number);
				return { x: x!, tx: tx!, T: T! };
			});
		const fit = fitParetoNbd(histories(rows));
		expect(fit.converged).toBe(true);
		expect(fit.identification).toEqual({ poorlyIdentified: false, reasons: [] });
		expect(fit.starts).toBe(1);
	});
});
