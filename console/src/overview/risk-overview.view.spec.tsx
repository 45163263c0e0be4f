/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import { RiskStats, TallyList } from './risk-overview.view';
import { riskSummaryOf } from './risk-summary';

const risks = riskSummaryOf({
  total: 13_615,
  byStatus: [
    { status: 'PASS', count: 12_000 },
    { status: 'FAIL', count: 1_500 },
    { status: 'ERROR', count: 90 },
    { status: 'WHITELISTED', count: 25 },
  ],
  bySeverity: [
    { severity: 'HIGH', failing: 1_200 },
    { severity: 'MEDIUM', failing: 250 },
    { severity: 'LOW', failing: 50 },
  ],
  byProduct: [
    { product: 'OSS', failing: 1_000, high: 900 },
    { product: 'ECS', failing: 500, high: 0 },
  ],
  byStandard: [],
});

describe('risk overview', () => {
  it('shows failing results by severity as links to them, with passed, errors and whitelisted', () => {
    render(<RiskStats risks={risks} />);
    const stats = screen.getByRole('region', { name: 'Check results by severity' });
    const high = within(stats).getByRole('link', { name: /High risks/ });
    expect(high.getAttribute('href')).toBe('#/results?status=FAIL&severity=HIGH');
    expect(high.textContent).toContain('1,200');
    expect(within(stats).getByRole('link', { name: /Low risks/ }).textContent).toContain('50');
    expect(within(stats).getByText('12,000')).toBeTruthy();
    expect(within(stats).getByText('90 · 25')).toBeTruthy();
  });

  it('shows an ellipsis while the summary loads', () => {
    render(<RiskStats risks={null} />);
    expect(screen.getAllByText('…')).toHaveLength(5);
  });

  it('draws a bar per product with its high count, and says when nothing fails', () => {
    render(
      <>
        <TallyList title="Risks by product" tallies={risks.byProduct} total={risks.byStatus.FAIL} />
        <TallyList title="Risks by standard" tallies={risks.byStandard} total={risks.byStatus.FAIL} />
      </>,
    );
    const products = screen.getByRole('region', { name: 'Risks by product' });
    const bars = within(products).getAllByRole('listitem');
    expect(bars.map((bar) => bar.textContent)).toEqual(['OSS1,000 · 900 high', 'ECS500']);
    expect((bars[0].querySelector('.bar-fill') as HTMLElement).style.width).toBe(`${(1000 / 1500) * 100}%`);
    expect(within(screen.getByRole('region', { name: 'Risks by standard' })).getByText('No failed checks.')).toBeTruthy();
  });
});
