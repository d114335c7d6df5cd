// The chart of docs/benchmarks.svg: every ratio to its baseline as a bar, hand-written SVG.
import type { Results } from "./results.js"
import { TARGETS } from "./targets.js"

interface Bar {
  readonly label: string
  readonly value: number
  readonly target?: number
}

/** Installed cold start: the faster anchor's CPU over empty node, over ours (higher is better). */
const coldBars = (r: Results): Array<Bar> =>
  [...new Set(r.installedColdStart.map((c) => c.node))].flatMap((node) => {
    const cpu = (contender: string) =>
      r.installedColdStart.find((c) => c.node === node && c.contender === contender)?.cpuOverEmptyMs
    const [lomi, stripe, openai] = [cpu("lomi"), cpu("stripe"), cpu("openai")]
    if (lomi === undefined || stripe === undefined || openai === undefined) return []
    return [
      {
        label: `cold start ${node} faster anchor CPU / lomi`,
        value: Math.min(stripe, openai) / lomi,
        target: 1 / TARGETS.coldCpuOverFasterAnchor,
      },
    ]
  })

/** The bars of the chart: ratios where 1.0 means as fast as the baseline (higher is better). */
const bars = (r: Results): Array<Bar> => [
  ...r.overhead
    .filter((o) => o.variant === "promise" || o.variant === "effect" || o.variant === "promise-fetch")
    .map((o) => ({
      label: `${o.operation} ${o.variant} / raw fetch`,
      value: o.ratio,
      target: TARGETS.throughput,
    })),
  ...r.pagination
    .filter((p) => p.variant === "auto" || p.variant === "stream")
    .map((p) => ({
      label: `pagination ${p.variant} / hand loop`,
      value: p.ratioToHand,
      target: TARGETS.pagination,
    })),
  ...r.overhead
    .filter((o) => o.variant === "promise" || o.variant === "effect")
    .map((o) => ({
      label: `${o.operation} node:http CPU / ${o.variant} CPU`,
      value: 1 / o.cpuRatioToHttp,
      target: 1 / (o.variant === "promise" ? TARGETS.promiseCpuOverHttp : TARGETS.effectCpuOverHttp),
    })),
  ...coldBars(r),
  ...r.coldStart
    .filter((c) => c.variant !== "raw")
    .map((c) => ({ label: `workspace cold start ${c.variant} / raw fetch`, value: c.ratio })),
  ...r.bundle
    .filter((b) => b.consumer === "promise" && b.platform === "neutral")
    .map((b) => ({
      label: `bundle budget ${TARGETS.bundleGzipBytes / 1024} KB / gzip size`,
      value: TARGETS.bundleGzipBytes / b.gzipBytes,
      target: 1,
    })),
]

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

/** The chart, as an SVG document. */
export const renderSvg = (r: Results): string => {
  const data = bars(r)
  const left = 300
  const width = 780
  const plot = width - left - 60
  const rowH = 26
  const top = 46
  const height = top + data.length * rowH + 40
  const max = Math.max(1.4, ...data.map((d) => d.value)) * 1.05
  const x = (v: number) => left + (v / max) * plot
  const rows = data.map((d, i) => {
    const y = top + i * rowH
    const ok = d.target === undefined ? undefined : d.value >= d.target
    const fill = ok === undefined ? "#7a8ca3" : ok ? "#2e8b57" : "#c0392b"
    const target =
      d.target === undefined
        ? ""
        : `<line x1="${x(d.target).toFixed(1)}" x2="${x(d.target).toFixed(1)}" y1="${y - 2}" y2="${y + rowH - 6}" stroke="#222" stroke-width="2" stroke-dasharray="3 2"/>`
    return [
      `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${escapeXml(d.label)}</text>`,
      `<rect x="${left}" y="${y + 2}" width="${(x(d.value) - left).toFixed(1)}" height="${rowH - 10}" fill="${fill}"/>`,
      target,
      `<text x="${(x(d.value) + 4).toFixed(1)}" y="${y + 15}">${d.value.toFixed(2)}x</text>`,
    ].join("")
  })
  const ticks = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]
    .filter((t) => t <= max)
    .map(
      (t) =>
        `<line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${top - 6}" y2="${height - 34}" stroke="${t === 1 ? "#999" : "#e3e3e3"}"/><text x="${x(t).toFixed(1)}" y="${height - 20}" text-anchor="middle" fill="#666">${t.toFixed(2)}</text>`,
    )
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">
<title>lomi. SDK benchmarks: ratios to the baseline</title>
<rect width="100%" height="100%" fill="#fff"/>
<text x="12" y="20" font-size="14" font-weight="bold">lomi. SDK benchmarks: ratios to the baseline (higher is better, 1.00 = as fast as the baseline)</text>
<text x="12" y="36" fill="#555">${escapeXml(`Node ${r.machine.node}, ${r.machine.cpus} cores, ${r.date.slice(0, 10)}. Dashed line: target. Green: target met, red: missed, grey: no target.`)}</text>
${ticks.join("\n")}
${rows.join("\n")}
</svg>
`
}
