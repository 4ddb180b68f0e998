// Completion rates as plain SVG bars: one bar per rule, green from 80 %, amber from 50 %, red below.
/** A bar's label: the rule's short name, cut to fit; the whole sentence is its hover title. */
const fit = (s: string, n = 13) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function RatesChart({ items }: { items: { key: string; label: string; title: string; rate: number }[] }) {
  const barH = 16;
  const gap = 6;
  const labelW = 190;
  const width = 520;
  const barW = width - labelW - 50;
  const height = items.length * (barH + gap) + 20;
  const colour = (r: number) => (r >= 0.8 ? '#2e7d32' : r >= 0.5 ? '#e0a100' : '#c62828');
  return (
    <svg
      className="rates-chart"
      width={width}
      height={height}
      role="img"
      aria-label="各要求完成率"
      data-testid="rates-chart"
    >
      {[0, 0.5, 1].map((x) => (
        <g key={x}>
          <line x1={labelW + x * barW} x2={labelW + x * barW} y1={0} y2={height - 16} stroke="#ddd" />
          <text x={labelW + x * barW} y={height - 4} fontSize={11} textAnchor="middle" fill="#777">
            {x * 100}%
          </text>
        </g>
      ))}
      {items.map((it, i) => {
        const y = i * (barH + gap);
        return (
          <g key={it.key}>
            <title>{`${it.title}：${Math.round(it.rate * 100)}%`}</title>
            <text x={labelW - 6} y={y + barH - 3} fontSize={12} textAnchor="end">
              {fit(it.label)}
            </text>
            <rect x={labelW} y={y} width={Math.max(1, it.rate * barW)} height={barH} fill={colour(it.rate)} rx={2} />
            <text x={labelW + it.rate * barW + 4} y={y + barH - 3} fontSize={11} fill="#333">
              {Math.round(it.rate * 100)}%
            </text>
          </g>
        );
      })}
    </svg>
  );
}
