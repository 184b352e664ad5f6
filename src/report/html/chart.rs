//! The units chart of a renewal cycle: units accumulating in the current
//! cycle against the requirement, with the cycle's end and the end of the
//! grace period.

use std::fmt::Write as _;

use maud::{Markup, html};

use crate::dates::{Date, day_number};
use crate::eval::timeline::Progress;
use crate::units::Units;

use super::{Px, Whole};

const W: f64 = 760.0;
const H: f64 = 250.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 150.0;
const TOP: f64 = 18.0;
const BOTTOM: f64 = 36.0;

/// Days to x and units to y, for one cycle.
struct Axes {
    from: i64,
    to: i64,
    /// The top of the y axis, in units.
    top_units: f64,
}

impl Axes {
    fn new(p: &Progress) -> Axes {
        let from = day_number(p.start);
        let max_counted = p
            .points
            .iter()
            .map(|(_, u)| *u)
            .max()
            .unwrap_or(Units::ZERO);
        let top_units = max_counted.max(p.required);
        Axes {
            from,
            to: day_number(p.grace_until).max(from + 1),
            top_units: (top_units.thousandths() as f64 / 1000.0).max(1.0) * 1.15,
        }
    }

    fn x(&self, d: Date) -> f64 {
        LEFT + (day_number(d).clamp(self.from, self.to) - self.from) as f64 * (W - LEFT - RIGHT)
            / ((self.to - self.from) as f64)
    }

    fn y(&self, u: Units) -> f64 {
        TOP + (H - TOP - BOTTOM) * (1.0 - (u.thousandths() as f64 / 1000.0) / self.top_units)
    }
}

/// The chart, as `<svg id="{id}">`.
pub(super) fn renewal(id: &str, p: &Progress, as_of: Date) -> Markup {
    let ax = Axes::new(p);
    let base = ax.y(Units::ZERO);
    let counted = p.points.last().map_or(Units::ZERO, |(_, u)| *u);
    let right = W - RIGHT;
    html! {
        svg id=(id) class="renewal-chart" viewBox={ "0 0 " (Whole(W)) " " (Whole(H)) }
            width=(Whole(W)) height=(Whole(H)) role="img"
            aria-label={ (p.unit) " counted against " (p.required) " required" } {
            "\n"
            line class="axis" x1=(Px(LEFT)) y1=(Px(base)) x2=(Px(right)) y2=(Px(base)) {}
            line class="axis" x1=(Px(LEFT)) y1=(Px(TOP)) x2=(Px(LEFT)) y2=(Px(base)) {}
            "\n"
            path class="units" d=(units_path(&ax, p, as_of)) {} "\n"
            @for (day, u) in &p.points {
                circle class="met" cx=(Px(ax.x(*day))) cy=(Px(ax.y(*u))) r="3.5" {
                    title { (u) " " (p.unit) " counted on " (day) }
                }
                "\n"
            }
            (totals(&ax, p, counted))
            (cycle_ends(&ax, p))
            @if as_of >= p.start && as_of <= p.grace_until {
                @let xa = ax.x(as_of);
                line class="asof-line" x1=(Px(xa)) y1=(Px(TOP)) x2=(Px(xa)) y2=(Px(base)) {}
                text class="asof-label" x=(Px(xa + 4.0)) y=(Px(TOP + 10.0)) { "as of " (as_of) }
                "\n"
            }
            text x=(Px(LEFT)) y=(Px(H - 6.0)) text-anchor="middle" { (p.start) }
            text x=(Px(LEFT - 6.0)) y=(Px(base + 4.0)) text-anchor="end" { "0" }
            "\n"
        }
        "\n"
    }
}

/// The step line of counted units, to the as-of date (or the end of the
/// grace period), closed along the axis: SVG path data from numbers.
fn units_path(ax: &Axes, p: &Progress, as_of: Date) -> String {
    let base = ax.y(Units::ZERO);
    let mut d = format!("M{:.1} {base:.1}", ax.x(p.start));
    let mut prev = Units::ZERO;
    for (day, u) in &p.points {
        let x = ax.x(*day);
        let _ = write!(d, " L{x:.1} {:.1} L{x:.1} {:.1}", ax.y(prev), ax.y(*u));
        prev = *u;
    }
    let now = ax.x(as_of.min(p.grace_until));
    let _ = write!(d, " L{now:.1} {:.1} L{now:.1} {base:.1} Z", ax.y(prev));
    d
}

/// The required units as a line, and the units counted so far, labelled
/// on the right (the second label moved down when they would overlap).
fn totals(ax: &Axes, p: &Progress, counted: Units) -> Markup {
    let right = W - RIGHT;
    let yr = ax.y(p.required);
    let yc = ax.y(counted);
    let nudge = if (yc - yr).abs() < 14.0 { 14.0 } else { 0.0 };
    html! {
        line class="required" x1=(Px(LEFT)) y1=(Px(yr)) x2=(Px(right)) y2=(Px(yr)) {}
        text x=(Px(right + 6.0)) y=(Px(yr + 4.0)) { (p.required) " " (p.unit) " required" }
        "\n"
        text x=(Px(right + 6.0)) y=(Px(yc + 4.0 + nudge)) { (counted) " " (p.unit) " counted" }
        "\n"
    }
}

/// The end of the cycle and the end of the grace period, as vertical lines.
fn cycle_ends(ax: &Axes, p: &Progress) -> Markup {
    let base = ax.y(Units::ZERO);
    html! {
        @for (day, class, label_y, words) in [
            (p.end, "deadline", H - 20.0, "cycle ends "),
            (p.grace_until, "grace-end", H - 6.0, "grace until "),
        ] {
            @let xd = ax.x(day);
            line class=(class) x1=(Px(xd)) y1=(Px(TOP)) x2=(Px(xd)) y2=(Px(base)) {}
            text x=(Px(xd)) y=(Px(label_y)) text-anchor="middle" { (words) (day) }
            "\n"
        }
    }
}
