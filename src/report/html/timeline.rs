//! The timeline chart of a person: roles, degrees and exams, then for each
//! certification the day each requirement was or will be met, the day of
//! eligibility and the recertification cycles, one row each, over a grid of
//! years with the as-of date marked.

use chrono::Datelike;
use maud::{Markup, html};

use crate::dates::{Date, add_days, add_years, date, day_number};
use crate::eval::timeline::{
    CertTimeline, CycleSpan, DegreeMark, ExamMark, RequirementDay, RoleSpan, Timeline,
};
use crate::eval::{CertResult, Report, RequirementResult, Status};
use crate::report::{name_or_id, short_name, vocab};

use super::{Px, Whole, ellipsis};

/// The width of the picture.
const WIDTH: f64 = 1100.0;
/// The width of the labels on the left.
const LABEL_W: f64 = 250.0;
/// The room on the right for the labels of the last marks.
const RIGHT_ROOM: f64 = 130.0;
/// The height of a row.
const ROW_H: f64 = 26.0;
/// How far ahead the chart goes at most, in years.
const YEARS_AHEAD: i32 = 15;
/// The height of one more lane of marks, where a row's labels would
/// otherwise overlap.
const LANE_H: f64 = 18.0;
/// The width a character of a 12px label may take at most (DejaVu Sans,
/// the widest of the fonts the page falls back to, is about 7.4px a
/// character for ids and dates): labels are laid out with it, so that
/// none overlaps another.
const CHAR_W: f64 = 7.6;
/// The characters of a left-column label (row names), so that it ends
/// before the chart starts.
const LEFT_CHARS: usize = 30;

/// The width of `label` at most, as [`CHAR_W`] says.
fn label_w(label: &str) -> f64 {
    crate::report::text::display_width(label) as f64 * CHAR_W
}

/// Where a point mark's label goes: the lane (0 the row's own line) and
/// whether it is written left of the mark (near the right edge).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Placed {
    lane: usize,
    left: bool,
}

/// Lays out the labels of point marks on one row (`(x, label)`, each
/// written right of its mark, or left of it where it would run past the
/// picture): a label that would overlap an earlier one goes to the first
/// lane below where it does not. Marks stack instead of their labels
/// overlapping.
fn lanes(marks: &[(f64, &str)]) -> Vec<Placed> {
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by(|a, b| marks[*a].0.total_cmp(&marks[*b].0));
    // the right end of what each lane holds so far
    let mut ends: Vec<f64> = Vec::new();
    let mut out = vec![
        Placed {
            lane: 0,
            left: false
        };
        marks.len()
    ];
    for i in order {
        let (x, label) = marks[i];
        let w = label_w(label);
        let left = x + 9.0 + w > WIDTH;
        let (from, to) = if left {
            (x - 9.0 - w, x + 7.0)
        } else {
            (x - 7.0, x + 9.0 + w)
        };
        let lane = match ends.iter().position(|end| *end + 4.0 <= from) {
            Some(l) => l,
            None => {
                ends.push(f64::MIN);
                ends.len() - 1
            }
        };
        ends[lane] = to;
        out[i] = Placed { lane, left };
    }
    out
}

/// The number of lanes `placed` uses (1 at least).
fn lane_count(placed: &[Placed]) -> usize {
    placed.iter().map(|p| p.lane + 1).max().unwrap_or(1)
}

/// What every row needs: the span of the chart and its scale.
struct Frame {
    as_of: Date,
    /// The first day of the chart (a 1 January).
    from: Date,
    /// The day after the chart (a 1 January).
    to: Date,
    /// Some day is later than the chart shows.
    beyond: bool,
    scale: Scale,
    /// The right end of the labels drawn so far (see [`Frame::reach`]).
    right: std::cell::Cell<f64>,
}

/// Horizontal scale of the timeline: days to x.
struct Scale {
    from: i64,
    to: i64,
    x0: f64,
    width: f64,
}

impl Scale {
    fn x(&self, d: Date) -> f64 {
        let n = day_number(d).clamp(self.from, self.to);
        self.x0 + (n - self.from) as f64 * self.width / ((self.to - self.from).max(1) as f64)
    }
}

impl Frame {
    /// The chart spans whole years, from every fact and every projected
    /// day, up to [`YEARS_AHEAD`] years after the as-of date.
    fn new(report: &Report, t: &Timeline) -> Frame {
        let as_of = t.as_of;
        let days = every_day(report, t);
        let limit = add_years(as_of, YEARS_AHEAD);
        let lo = days.iter().min().copied().unwrap_or(as_of);
        let hi = days
            .iter()
            .filter(|d| **d <= limit)
            .max()
            .copied()
            .unwrap_or(as_of);
        let from = date(lo.year(), 1, 1);
        let to_year = hi
            .year()
            .saturating_add(1)
            .min(10_000)
            .max(from.year().saturating_add(1));
        let to = date(to_year, 1, 1);
        Frame {
            as_of,
            from,
            to,
            beyond: hi < days.iter().max().copied().unwrap_or(hi),
            right: std::cell::Cell::new(0.0),
            scale: Scale {
                from: day_number(from),
                to: day_number(to),
                x0: LABEL_W,
                width: WIDTH - LABEL_W - RIGHT_ROOM,
            },
        }
    }

    fn x(&self, d: Date) -> f64 {
        self.scale.x(d)
    }

    /// Notes that a label reaches `x`: the picture is at least that wide,
    /// so that no label is cut off at its right edge.
    fn reach(&self, x: f64) {
        self.right.set(self.right.get().max(x));
    }

    /// The width of the picture: [`WIDTH`], or more for a label reaching
    /// past it.
    fn width(&self) -> f64 {
        WIDTH.max((self.right.get() + 4.0).ceil())
    }
}

/// Every day the chart might show: the as-of date, every fact, every
/// projected day.
fn every_day(report: &Report, t: &Timeline) -> Vec<Date> {
    let mut days: Vec<Date> = vec![t.as_of];
    days.extend(t.roles.iter().map(|r| r.start));
    days.extend(t.roles.iter().filter_map(|r| r.end));
    days.extend(t.education.iter().map(|e| e.completed));
    days.extend(t.exams.iter().map(|e| e.passed));
    for c in &t.certifications {
        days.extend(c.requirements.iter().filter_map(|q| q.day));
        for cy in &c.cycles {
            days.extend([cy.start, cy.grace_until]);
            days.extend(cy.by_exam_until);
        }
    }
    days.extend(report.results.iter().filter_map(|r| r.eligible_on));
    days
}

/// The rows of the chart, top to bottom, and where the next one goes.
struct Rows {
    y: f64,
    drawn: Vec<Markup>,
}

impl Rows {
    /// A section's title, in capitals, above its rows.
    fn section(&mut self, title: &str) {
        self.drawn.push(html! {
            text class="section-label" x="8" y=(Px(self.y + 14.0)) { (title.to_uppercase()) } "\n"
        });
        self.y += 20.0;
    }

    /// A row, drawn from its top.
    fn row(&mut self, draw: impl FnOnce(f64) -> Markup) {
        self.rows(1, draw);
    }

    /// A row of `lanes` lanes, drawn from its top.
    fn rows(&mut self, lanes: usize, draw: impl FnOnce(f64) -> Markup) {
        self.drawn.push(draw(self.y));
        self.y += ROW_H + lanes.saturating_sub(1) as f64 * LANE_H;
    }
}

/// The chart, as `<svg id="timeline-chart">`.
pub(super) fn svg(report: &Report, t: &Timeline) -> Markup {
    let f = Frame::new(report, t);
    let mut rows = Rows {
        y: 40.0,
        drawn: Vec::new(),
    };
    if !t.roles.is_empty() {
        rows.section("Roles");
    }
    for r in &t.roles {
        rows.row(|y| role_row(&f, r, y));
    }
    if !t.education.is_empty() || !t.exams.is_empty() {
        rows.section("Education and exams");
    }
    if !t.education.is_empty() {
        let labels: Vec<(f64, &str)> = t
            .education
            .iter()
            .map(|e| (f.x(e.completed), e.level.id()))
            .collect();
        let placed = lanes(&labels);
        rows.rows(lane_count(&placed), |y| {
            degrees_row(&f, &t.education, &placed, y)
        });
    }
    if !t.exams.is_empty() {
        let labels: Vec<(f64, &str)> = t
            .exams
            .iter()
            .map(|e| (f.x(e.passed), e.id.as_str()))
            .collect();
        let placed = lanes(&labels);
        rows.rows(lane_count(&placed), |y| exams_row(&f, &t.exams, &placed, y));
    }
    for (r, c) in report.results.iter().zip(&t.certifications) {
        certification_rows(&mut rows, &f, r, c);
    }
    let height = rows.y + 16.0;
    let width = f.width();
    html! {
        svg id="timeline-chart" viewBox={ "0 0 " (Whole(width)) " " (Whole(height)) }
            width=(Whole(width)) height=(Whole(height)) role="img"
            aria-label={ "Timeline from " (f.from) " to " (f.to) } {
            "\n"
            (year_grid(&f, height))
            @for row in &rows.drawn { (row) }
            @let xa = f.x(f.as_of);
            line class="asof-line" x1=(Px(xa)) y1="22" x2=(Px(xa)) y2=(Px(height - 8.0)) {}
            @let as_of = format!("as of {}", f.as_of);
            // bold: a tenth wider
            @if xa + 4.0 + label_w(&as_of) * 1.1 <= WIDTH {
                text class="asof-label" x=(Px(xa + 4.0)) y="34" { (as_of) }
            } @else {
                text class="asof-label" x=(Px(xa - 4.0)) y="34" text-anchor="end" { (as_of) }
            }
            "\n"
            @if f.beyond {
                text class="year" x=(Px(WIDTH - 200.0)) y=(Px(height - 2.0)) {
                    "later days are beyond the chart"
                }
                "\n"
            }
        }
        "\n"
    }
}

/// A line and a label for every year (every 2 or 5 years on a long chart).
fn year_grid(f: &Frame, height: f64) -> Markup {
    let years = f.to.year() - f.from.year();
    let step: usize = if years > 30 {
        5
    } else if years > 15 {
        2
    } else {
        1
    };
    let marks = (f.from.year()..=f.to.year()).step_by(step);
    html! {
        @for year in marks {
            @let x = f.x(date(year, 1, 1));
            line class="grid" x1=(Px(x)) y1="22" x2=(Px(x)) y2=(Px(height - 8.0)) {}
            text class="year" x=(Px(x - 13.0)) y="16" { (year) }
            "\n"
        }
    }
}

/// A role: a bar up to the as-of date, a dashed line after it while the
/// role goes on.
fn role_row(f: &Frame, r: &RoleSpan, y: f64) -> Markup {
    let class = if !r.full_time_paid {
        "nocount"
    } else if r.decision_making {
        "dm"
    } else {
        "plain"
    };
    let mut label = r.label.clone();
    if r.decision_making {
        label.push_str(" · decision-making");
    }
    let until = r.end.unwrap_or(f.as_of).min(f.as_of);
    let (x1, x2) = (f.x(r.start), f.x(add_days(until, 1)));
    // after the as-of date: the role as it is projected
    let projected_from = f.x(r.start.max(f.as_of));
    let projected_to = f.x(r.end.map_or(f.to, |e| add_days(e, 1)));
    html! {
        g class={ "role-row " (class) } data-start=(r.start) {
            title {
                (label) ": " (r.start) " to "
                @match r.end { Some(e) => (e), None => "ongoing" }
            }
            "\n"
            text x="8" y=(Px(y + 17.0)) { (ellipsis(&label, LEFT_CHARS)) } "\n"
            @if r.start <= f.as_of {
                rect class={ "role " (class) } x=(Px(x1)) y=(Px(y + 5.0))
                    width=(Px((x2 - x1).max(2.0))) height="16" rx="3" {}
                "\n"
            }
            @if r.end.is_none_or(|e| e > f.as_of) {
                line class={ "projected " (class) } x1=(Px(projected_from)) y1=(Px(y + 13.0))
                    x2=(Px(projected_to)) y2=(Px(y + 13.0)) {}
                "\n"
            }
        }
        "\n"
    }
}

/// " future" for a class, for a day after the as-of date.
fn future(after_as_of: bool) -> &'static str {
    if after_as_of { " future" } else { "" }
}

/// A point mark's label at `x` (the mark's), on the line of baseline
/// `base`, as `p` places it.
fn mark_label(x: f64, base: f64, p: Placed, label: &str) -> Markup {
    html! {
        @if p.left {
            text x=(Px(x - 9.0)) y=(Px(base)) text-anchor="end" { (label) }
        } @else {
            text x=(Px(x + 9.0)) y=(Px(base)) { (label) }
        }
    }
}

/// Every degree on one row, as a diamond; marks whose labels would overlap
/// go to lanes below (`placed`, from [`lanes`]).
fn degrees_row(f: &Frame, education: &[DegreeMark], placed: &[Placed], y: f64) -> Markup {
    html! {
        text x="8" y=(Px(y + 17.0)) { "Degrees" } "\n"
        @for (e, p) in education.iter().zip(placed) {
            @let x = f.x(e.completed);
            @let y = y + p.lane as f64 * LANE_H;
            g class="degree-mark" {
                title { (e.level.phrase()) " completed on " (e.completed) }
                path class={ "degree" (future(e.after_as_of)) }
                    d={ "M" (Px(x)) " " (Px(y + 6.0)) " l7 7 l-7 7 l-7 -7 z" } {}
                (mark_label(x, y + 17.0, *p, e.level.id()))
            }
            "\n"
        }
    }
}

/// Every exam on one row, as a dot; marks whose labels would overlap go to
/// lanes below (`placed`, from [`lanes`]).
fn exams_row(f: &Frame, exams: &[ExamMark], placed: &[Placed], y: f64) -> Markup {
    html! {
        text x="8" y=(Px(y + 17.0)) { "Exams passed" } "\n"
        @for (e, p) in exams.iter().zip(placed) {
            @let x = f.x(e.passed);
            @let y = y + p.lane as f64 * LANE_H;
            g class="exam-mark" {
                title { "exam " (e.id) " passed on " (e.passed) }
                circle class={ "exam" (future(e.after_as_of)) }
                    cx=(Px(x)) cy=(Px(y + 13.0)) r="6" {}
                (mark_label(x, y + 17.0, *p, &e.id))
            }
            "\n"
        }
    }
}

/// A certification's section: a row per requirement (none for a held
/// certification: its cycles say it all), the day of eligibility, the
/// cycles.
fn certification_rows(rows: &mut Rows, f: &Frame, r: &CertResult, c: &CertTimeline) {
    rows.section(&short_name(r.certification));
    if r.renewal.is_none() {
        for q in &c.requirements {
            let judged = r.requirements.iter().find(|j| j.id == q.id);
            rows.row(|y| requirement_row(f, q, judged, y));
        }
    }
    if r.renewal.is_none()
        && let Some(d) = r.eligible_on
    {
        rows.row(|y| eligible_row(f, r.status, d, y));
    }
    if !c.cycles.is_empty() {
        rows.row(|y| cycles_row(f, &c.cycles, y));
    }
}

/// A requirement: met since a day, met, to be met on a day, or as
/// `judged` stands (not passed, not by time alone).
fn requirement_row(
    f: &Frame,
    q: &RequirementDay,
    judged: Option<&RequirementResult>,
    y: f64,
) -> Markup {
    let name = name_or_id(&q.name, &q.id);
    html! {
        g class="requirement-row" data-requirement=(q.id) data-met=(q.met)
            data-day={ @if let Some(d) = q.day { (d) } } {
            "\n"
            text x="8" y=(Px(y + 17.0)) {
                (vocab::mark(q.met)) " " (ellipsis(name, LEFT_CHARS - 2))
            }
            "\n"
            (requirement_mark(f, q, judged, y)) "\n"
        }
        "\n"
    }
}

fn requirement_mark(
    f: &Frame,
    q: &RequirementDay,
    judged: Option<&RequirementResult>,
    y: f64,
) -> Markup {
    let now = f.x(f.as_of);
    let cy = y + 13.0;
    match (q.met, q.day) {
        // the label after the as-of line, on the row's own line, where
        // nothing else is drawn (above the dot it ran into the row above)
        (true, Some(d)) => html! {
            line class="held" x1=(Px(f.x(d))) y1=(Px(cy)) x2=(Px(now)) y2=(Px(cy)) {}
            circle class="met" cx=(Px(f.x(d))) cy=(Px(cy)) r="6" { title { "met since " (d) } }
            (after(f, now + 9.0, y + 17.0, &format!("met since {d}"), false))
        },
        (true, None) => html! {
            circle class="met" cx=(Px(now)) cy=(Px(cy)) r="6" {}
            text x=(Px(now + 9.0)) y=(Px(y + 17.0)) { "met" }
        },
        (false, Some(d)) => html! {
            line class="towards" x1=(Px(now)) y1=(Px(cy)) x2=(Px(f.x(d))) y2=(Px(cy)) {}
            circle class="soon" cx=(Px(f.x(d))) cy=(Px(cy)) r="6" {
                title { (vocab::met_on_if_roles_go_on(d)) }
            }
            (after(f, f.x(d) + 9.0, y + 17.0, &format!("met on {d}"), false))
        },
        (false, None) => html! {
            @if let Some(judged) = judged {
                (unmet_label(f, now + 6.0, y + 17.0, &vocab::requirement_state(judged).1))
            }
        },
    }
}

/// Where an unmet requirement stands ("not by time alone"), in red, from
/// `x` on the baseline `base`; the picture widens to hold it.
fn unmet_label(f: &Frame, x: f64, base: f64, words: &str) -> Markup {
    f.reach(x + label_w(words));
    html! { text x=(Px(x)) y=(Px(base)) fill="#cf222e" { (words) } }
}

/// `label` from `x` on the baseline `base` (`bold`: a tenth wider); the
/// picture widens to hold it (see [`Frame::reach`]).
fn after(f: &Frame, x: f64, base: f64, label: &str, bold: bool) -> Markup {
    let w = label_w(label) * if bold { 1.1 } else { 1.0 };
    f.reach(x + w);
    html! {
        @if bold {
            text x=(Px(x)) y=(Px(base)) font-weight="600" { (label) }
        } @else {
            text x=(Px(x)) y=(Px(base)) { (label) }
        }
    }
}

/// The day every prerequisite is (or will be) met.
fn eligible_row(f: &Frame, status: Status, d: Date, y: f64) -> Markup {
    let (class, words) = if status == Status::NotEligible {
        ("soon", "eligible on ")
    } else {
        ("met", "eligible since ")
    };
    let x = f.x(d);
    html! {
        g class="eligible-row" data-eligible-on=(d) {
            text x="8" y=(Px(y + 17.0)) font-weight="600" { "Eligible" }
            path class=(class) d={ "M" (Px(x)) " " (Px(y + 7.0)) " l6 6 l-6 6 l-6 -6 z" } {}
            (after(f, x + 10.0, y + 17.0, &format!("{words}{d}"), true))
        }
        "\n"
    }
}

/// Every recertification cycle on one row; the last one with its grace
/// period; a tick on each renewal.
fn cycles_row(f: &Frame, cycles: &[CycleSpan], y: f64) -> Markup {
    let last = cycles.len().saturating_sub(1);
    html! {
        g class="cycles-row" {
            text x="8" y=(Px(y + 17.0)) { "Recertification cycles" } "\n"
            @for (i, cy) in cycles.iter().enumerate() {
                @let (x1, x2, x3) = (
                    f.x(cy.start),
                    f.x(add_days(cy.end, 1)),
                    f.x(add_days(cy.grace_until, 1)),
                );
                rect class={ "cycle" @if i == last { " current" } } x=(Px(x1)) y=(Px(y + 5.0))
                    width=(Px((x2 - x1).max(1.0))) height="16" {
                    title { "cycle " (cy.index + 1) ": " (cy.start) " to " (cy.end) }
                }
                "\n"
                @if i == last {
                    rect class="grace" x=(Px(x2)) y=(Px(y + 5.0))
                        width=(Px((x3 - x2).max(1.0))) height="16" {
                        title { "grace period until " (cy.grace_until) }
                    }
                    // renewal by exam, where it outlasts the grace period
                    @let x4 = cy
                        .by_exam_until
                        .filter(|b| *b > cy.grace_until)
                        .map(|b| f.x(add_days(b, 1)));
                    @if let Some(x4) = x4 {
                        rect class="by-exam" x=(Px(x3)) y=(Px(y + 5.0))
                            width=(Px((x4 - x3).max(1.0))) height="16" {
                            title { "renewal by exam until " (cy.by_exam_until.unwrap_or(cy.grace_until)) }
                        }
                    }
                    (after(f, x4.unwrap_or(x3) + 5.0, y + 17.0, &format!("ends {}", cy.end), false))
                    "\n"
                }
                @if let Some(rd) = cy.renewed_on {
                    @let x = f.x(rd);
                    line class="renewal-tick" x1=(Px(x)) y1=(Px(y + 2.0))
                        x2=(Px(x)) y2=(Px(y + 24.0)) {
                        title { "renewed on " (rd) }
                    }
                    "\n"
                }
            }
        }
        "\n"
    }
}
