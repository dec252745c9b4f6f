//! Charts drawn on the server as SVG, no script in the browser: grouped or
//! stacked bars over periods, and lines for trends. Each has a title and a text summary inside
//! (`<title>`, `<desc>`, `role="img"`), series are told apart by a pattern
//! class as well as a colour, and the pages show the data table beside it,
//! so nothing depends on seeing the picture.

use std::fmt::Write;

/// One series of a chart: its name and a value per category.
pub(crate) struct ChartSeries {
    pub name: String,
    pub values: Vec<i64>,
}

pub(crate) struct BarChart<'a> {
    /// Unique on the page: the ids of the title and summary derive from it.
    pub id: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    /// The label of each category (period) along the bottom.
    pub categories: &'a [String],
    pub series: &'a [ChartSeries],
    /// Series stacked in one bar per category, or side by side.
    pub stacked: bool,
}

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 36.0;
const TOP: f64 = 12.0;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl BarChart<'_> {
    /// The chart as an `<svg>` element (escaped, safe to embed).
    pub fn svg(&self) -> String {
        let n = self.categories.len().max(1);
        let max = (0..n)
            .map(|i| {
                let at = |s: &ChartSeries| s.values.get(i).copied().unwrap_or(0).max(0);
                if self.stacked {
                    self.series.iter().map(at).sum::<i64>()
                } else {
                    self.series.iter().map(at).max().unwrap_or(0)
                }
            })
            .max()
            .unwrap_or(0)
            .max(1);
        let plot_w = WIDTH - LEFT - 8.0;
        let plot_h = HEIGHT - TOP - BOTTOM;
        let slot = plot_w / n as f64;
        let y = |v: i64| TOP + plot_h - plot_h * v as f64 / max as f64;
        let mut out = String::new();
        let _ = write!(
            out,
            "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
             aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
             <title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{summary}</desc>",
            id = esc(self.id),
            title = esc(self.title),
            summary = esc(self.summary),
        );
        // The value axis: zero and the largest value.
        let _ = write!(
            out,
            "<g class=\"axis\" aria-hidden=\"true\">\
             <line x1=\"{LEFT}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\"/>\
             <text x=\"{lx}\" y=\"{b}\" text-anchor=\"end\">0</text>\
             <text x=\"{lx}\" y=\"{t}\" text-anchor=\"end\">{max}</text></g>",
            b = TOP + plot_h,
            r = WIDTH - 8.0,
            lx = LEFT - 6.0,
            t = TOP + 10.0,
        );
        out.push_str("<g class=\"bars\" aria-hidden=\"true\">");
        let count = self.series.len().max(1) as f64;
        for i in 0..n {
            let x0 = LEFT + slot * i as f64 + slot * 0.1;
            let inner = slot * 0.8;
            let mut base = 0;
            for (k, s) in self.series.iter().enumerate() {
                let v = s.values.get(i).copied().unwrap_or(0).max(0);
                if v == 0 {
                    continue;
                }
                let (x, w, top, bottom) = if self.stacked {
                    let r = (x0, inner, y(base + v), y(base));
                    base += v;
                    r
                } else {
                    let w = inner / count;
                    (x0 + w * k as f64, w, y(v), y(0))
                };
                let _ = write!(
                    out,
                    "<rect class=\"s{c}\" x=\"{x:.1}\" y=\"{top:.1}\" width=\"{w:.1}\" height=\"{h:.1}\"/>",
                    c = k % 8,
                    h = (bottom - top).max(0.5),
                );
            }
        }
        out.push_str("</g><g class=\"labels\" aria-hidden=\"true\">");
        // At most about twelve category labels, evenly spaced.
        let every = n.div_ceil(12);
        for (i, label) in self.categories.iter().enumerate() {
            if i % every != 0 {
                continue;
            }
            let _ = write!(
                out,
                "<text x=\"{x:.1}\" y=\"{y}\" text-anchor=\"middle\">{label}</text>",
                x = LEFT + slot * (i as f64 + 0.5),
                y = HEIGHT - BOTTOM + 16.0,
                label = esc(label),
            );
        }
        out.push_str("</g></svg>");
        out
    }
}

/// One line of a [`LineChart`]: its name and a value per category; a
/// category without a value (nothing to measure) leaves a gap.
pub(crate) struct LineSeries {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// Lines over periods, for trends (rates, shares). Each line has its own
/// dash pattern and point shape besides its colour.
pub(crate) struct LineChart<'a> {
    /// Unique on the page: the ids of the title and summary derive from it.
    pub id: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub categories: &'a [String],
    pub series: &'a [LineSeries],
    /// The top of the value axis (100 for percentages); the largest value
    /// when none.
    pub max: Option<f64>,
    /// Written after the axis's top value, e.g. ` %`.
    pub unit: &'a str,
}

impl LineChart<'_> {
    /// The chart as an `<svg>` element (escaped, safe to embed).
    pub fn svg(&self) -> String {
        let n = self.categories.len().max(1);
        let max = self
            .max
            .unwrap_or_else(|| {
                self.series
                    .iter()
                    .flat_map(|s| s.values.iter().flatten())
                    .fold(0.0_f64, |a, b| a.max(*b))
            })
            .max(1.0);
        let plot_w = WIDTH - LEFT - 8.0;
        let plot_h = HEIGHT - TOP - BOTTOM;
        let slot = plot_w / n as f64;
        let x = |i: usize| LEFT + slot * (i as f64 + 0.5);
        let y = |v: f64| TOP + plot_h - plot_h * v.clamp(0.0, max) / max;
        let mut out = String::new();
        let _ = write!(
            out,
            "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
             aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
             <title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{summary}</desc>",
            id = esc(self.id),
            title = esc(self.title),
            summary = esc(self.summary),
        );
        let _ = write!(
            out,
            "<g class=\"axis\" aria-hidden=\"true\">\
             <line x1=\"{LEFT}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\"/>\
             <text x=\"{lx}\" y=\"{b}\" text-anchor=\"end\">0</text>\
             <text x=\"{lx}\" y=\"{t}\" text-anchor=\"end\">{top}{unit}</text></g>",
            b = TOP + plot_h,
            r = WIDTH - 8.0,
            lx = LEFT - 6.0,
            t = TOP + 10.0,
            top = max.round() as i64,
            unit = esc(self.unit),
        );
        out.push_str("<g class=\"lines\" aria-hidden=\"true\">");
        for (k, s) in self.series.iter().enumerate() {
            let class = k % 8;
            // Runs of consecutive values, each a path.
            let mut d = String::new();
            let mut pen_down = false;
            for i in 0..n {
                match s.values.get(i).copied().flatten() {
                    Some(v) => {
                        let _ = write!(
                            d,
                            "{}{:.1} {:.1} ",
                            if pen_down { "L" } else { "M" },
                            x(i),
                            y(v)
                        );
                        pen_down = true;
                    }
                    None => pen_down = false,
                }
            }
            if !d.is_empty() {
                let _ = write!(
                    out,
                    "<path class=\"line s{class}\" d=\"{}\"/>",
                    d.trim_end()
                );
            }
            for i in 0..n {
                if let Some(v) = s.values.get(i).copied().flatten() {
                    let (cx, cy) = (x(i), y(v));
                    // A point shape per line: circle, square, diamond.
                    match k % 3 {
                        0 => {
                            let _ = write!(
                                out,
                                "<circle class=\"point s{class}\" cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"3.5\"/>"
                            );
                        }
                        1 => {
                            let _ = write!(
                                out,
                                "<rect class=\"point s{class}\" x=\"{:.1}\" y=\"{:.1}\" width=\"7\" height=\"7\"/>",
                                cx - 3.5,
                                cy - 3.5
                            );
                        }
                        _ => {
                            let _ = write!(
                                out,
                                "<path class=\"point s{class}\" d=\"M{cx:.1} {:.1} L{:.1} {cy:.1} L{cx:.1} {:.1} L{:.1} {cy:.1} Z\"/>",
                                cy - 4.5,
                                cx + 4.5,
                                cy + 4.5,
                                cx - 4.5
                            );
                        }
                    }
                }
            }
        }
        out.push_str("</g><g class=\"labels\" aria-hidden=\"true\">");
        let every = n.div_ceil(12);
        for (i, label) in self.categories.iter().enumerate() {
            if i % every != 0 {
                continue;
            }
            let _ = write!(
                out,
                "<text x=\"{x:.1}\" y=\"{y}\" text-anchor=\"middle\">{label}</text>",
                x = x(i),
                y = HEIGHT - BOTTOM + 16.0,
                label = esc(label),
            );
        }
        out.push_str("</g></svg>");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_names_itself_and_escapes_what_it_draws() {
        let categories = vec!["11.2026".to_owned(), "<12>".to_owned()];
        let series = [
            ChartSeries {
                name: "Izveidoti".into(),
                values: vec![3, 5],
            },
            ChartSeries {
                name: "Atrisināti".into(),
                values: vec![0, 2],
            },
        ];
        let chart = BarChart {
            id: "volume",
            title: "Apjoms & tendence",
            summary: "8 izveidoti",
            categories: &categories,
            series: &series,
            stacked: false,
        };
        let svg = chart.svg();
        assert!(svg.starts_with("<svg class=\"chart\" role=\"img\""));
        assert!(svg.contains("<title id=\"volume-title\">Apjoms &amp; tendence</title>"));
        assert!(svg.contains("&lt;12&gt;"));
        // Three bars drawn: a zero draws none.
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(
            svg.contains(">5</text>"),
            "the axis reaches the largest value"
        );
    }

    #[test]
    fn a_line_chart_draws_a_line_per_series_with_gaps_where_nothing_was_measured() {
        let categories = vec![
            "10.2026".to_owned(),
            "11.2026".to_owned(),
            "12.2026".to_owned(),
        ];
        let series = [
            LineSeries {
                name: "Atkārtoti atvērti".into(),
                values: vec![Some(0.0), Some(25.0), Some(50.0)],
            },
            LineSeries {
                name: "Pirmā līnija".into(),
                values: vec![Some(100.0), None, Some(75.0)],
            },
        ];
        let svg = LineChart {
            id: "quality-trend",
            title: "Kvalitāte <tendence>",
            summary: "25 %",
            categories: &categories,
            series: &series,
            max: Some(100.0),
            unit: " %",
        }
        .svg();
        assert!(
            svg.contains("<title id=\"quality-trend-title\">Kvalitāte &lt;tendence&gt;</title>")
        );
        assert!(svg.contains(">100 %</text>"), "the axis top with its unit");
        // The first line is one run of three points; the second has a gap:
        // two runs of one point each in one path.
        assert_eq!(svg.matches("class=\"line s0\"").count(), 1);
        let second = svg.split("class=\"line s1\" d=\"").nth(1).unwrap();
        let d = &second[..second.find('"').unwrap()];
        assert_eq!(d.matches('M').count(), 2, "{d}");
        assert_eq!(d.matches('L').count(), 0, "{d}");
        assert_eq!(svg.matches("class=\"point s0\"").count(), 3);
        assert_eq!(svg.matches("class=\"point s1\"").count(), 2);
    }
}
