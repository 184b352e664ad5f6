//! Property tests for the calendar arithmetic the evaluator stands on:
//! leap days, month ends, inclusive intervals, and exact units.

use certcheck::dates::{
    DaySet, DaysPhrase, MonthsPhrase, Period, Ymd, add_days, add_months, add_years, date,
    day_number, days_for_months, from_day_number, month_end,
};
use certcheck::units::Units;
use chrono::Datelike;
use proptest::prelude::*;

fn arb_date() -> impl Strategy<Value = chrono::NaiveDate> {
    (0i64..80_000).prop_map(|n| from_day_number(day_number(date(1900, 1, 1)) + n))
}

fn days_in_month(y: i32, m: u32) -> u32 {
    month_end(date(y, m, 1)).day()
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

proptest! {
    #[test]
    fn add_years_keeps_the_calendar_day_or_falls_to_28_february(d in arb_date(), n in -50i32..50) {
        let r = add_years(d, n);
        prop_assert_eq!(r.year(), d.year() + n);
        prop_assert_eq!(r.month(), d.month());
        if d.month() == 2 && d.day() == 29 && !is_leap(d.year() + n) {
            prop_assert_eq!(r.day(), 28);
        } else {
            prop_assert_eq!(r.day(), d.day());
        }
    }

    #[test]
    fn add_months_clamps_to_the_month_end(d in arb_date(), n in -600i32..600) {
        let r = add_months(d, n);
        let months = d.year() * 12 + d.month0() as i32 + n;
        prop_assert_eq!(r.year(), months.div_euclid(12));
        prop_assert_eq!(r.month0() as i32, months.rem_euclid(12));
        prop_assert_eq!(r.day(), d.day().min(days_in_month(r.year(), r.month())));
    }

    #[test]
    fn month_end_is_the_last_day(d in arb_date()) {
        let e = month_end(d);
        prop_assert_eq!((e.year(), e.month()), (d.year(), d.month()));
        prop_assert!(e >= d);
        prop_assert_eq!(add_days(e, 1).day(), 1);
    }

    #[test]
    fn grace_periods_never_land_before_the_end(d in arb_date(), months in 0u32..24, days in 0u32..400) {
        let p = Period { years: 0, months, days };
        prop_assert!(p.after(d) >= d);
        prop_assert!(p.before(d) <= d);
    }

    #[test]
    fn day_sets_count_like_a_naive_array(
        iv in prop::collection::vec((0i64..400, 0i64..60), 0..8),
        from in 0i64..500,
        len in 0i64..500,
    ) {
        let spans: Vec<(i64, i64)> = iv.iter().map(|(a, l)| (*a, *a + *l - 1)).collect();
        let set = DaySet::from_intervals(spans.clone());
        let mut covered = [false; 500];
        for (a, b) in &spans {
            for x in *a..=*b { covered[x as usize] = true; }
        }
        let to = (from + len).min(499);
        let naive = (from..=to).filter(|x| covered[*x as usize]).count() as i64;
        prop_assert_eq!(set.count_in(from, to), naive);
        // merged spans are disjoint and never touch
        for w in set.spans().windows(2) {
            prop_assert!(w[0].1 + 1 < w[1].0);
        }
    }

    #[test]
    fn splitting_a_role_in_two_adjacent_ones_changes_nothing(a in 0i64..10_000, len in 1i64..5_000, cut in 0i64..5_000) {
        let b = a + len - 1;
        let cut = a + cut % len;
        let whole = DaySet::from_intervals(vec![(a, b)]);
        let split = DaySet::from_intervals(vec![(a, cut - 1), (cut, b)]);
        prop_assert_eq!(whole.count_in(0, 20_000), split.count_in(0, 20_000));
        prop_assert_eq!(whole.count_in(0, 20_000), len);
    }

    #[test]
    fn requirement_days_round_trip(m in 0u32..1200) {
        let d = days_for_months(m);
        // floor(m x 365.25 / 12)
        prop_assert_eq!(d, (i64::from(m) * 36525) / 1200);
        prop_assert!(DaysPhrase(d).to_string().len() > 1);
    }

    /// Years and months as people say them: whole years alone, months
    /// alone under a year, both otherwise.
    #[test]
    fn months_read_as_years_and_months(m in 0u32..100_000) {
        let (y, r) = (m / 12, m % 12);
        let want = match (y, r) {
            (0, r) => format!("{r} m"),
            (y, 0) => format!("{y} y"),
            (y, r) => format!("{y} y {r} m"),
        };
        prop_assert_eq!(MonthsPhrase(m).to_string(), want);
    }

    /// Days read as the whole months in them, or as days under a month,
    /// with a sign when negative.
    #[test]
    fn days_read_as_their_months_or_days(d in -100_000i64..100_000) {
        let months = certcheck::dates::months_in_days(d.abs());
        let body = if months == 0 {
            format!("{} d", d.abs())
        } else {
            MonthsPhrase(u32::try_from(months).unwrap()).to_string()
        };
        let want = if d < 0 { format!("-{body}") } else { body };
        prop_assert_eq!(DaysPhrase(d).to_string(), want);
    }

    /// The fast date text is chrono's, every day from year -400 to 12000.
    #[test]
    fn ymd_is_chronos_text(n in -150_000i64..3_700_000) {
        let d = from_day_number(day_number(date(1, 1, 1)) + n);
        prop_assert_eq!(Ymd(d).to_string(), d.to_string());
        let mut pushed = String::from("x");
        Ymd(d).push_to(&mut pushed);
        prop_assert_eq!(pushed, format!("x{d}"));
    }

    #[test]
    fn units_sum_exactly(t in 1i64..100_000, n in 1usize..500) {
        let u = Units::from_thousandths(t);
        let s: Units = std::iter::repeat_n(u, n).sum();
        prop_assert_eq!(s.thousandths(), t * n as i64);
        prop_assert_eq!(s.to_string().parse::<Units>().unwrap(), s);
        let json = serde_json::to_string(&s).unwrap();
        prop_assert_eq!(json, s.to_string());
    }
}

#[test]
fn point_one_added_180_times_is_18() {
    let tenth: Units = "0.1".parse().unwrap();
    let total: Units = std::iter::repeat_n(tenth, 180).sum();
    assert_eq!(total, "18".parse().unwrap());
}
