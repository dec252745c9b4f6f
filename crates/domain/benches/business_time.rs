//! Business-time arithmetic: `add` and `elapsed` over random spans up to a
//! year on the Latvian office calendar, fast (per-year tables) against the
//! naive day walk. Plain std::time; run with
//! `cargo bench -p atbalsts-domain --bench business_time`.

#[path = "../tests/common/naive.rs"]
mod naive;

use atbalsts_domain::sla::{Calendar, CalendarSpec};
use jiff::Timestamp;
use std::hint::black_box;
use std::time::Instant;

/// xorshift64*: reproducible random inputs without a dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

/// 2020-01-01 .. 2030-01-01.
const FROM: i64 = 1_577_836_800;
const TO: i64 = 1_893_456_000;
const YEAR: i64 = 365 * 86_400;
/// A year of office working time (about 2,000 hours).
const YEAR_OF_WORK: i64 = 2_000 * 3_600;

fn inputs(n: usize, seed: u64) -> Vec<(Timestamp, i64, Timestamp)> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let s = FROM + rng.below((TO - FROM) as u64) as i64;
            let d = rng.below(YEAR_OF_WORK as u64) as i64;
            let e = s + rng.below(YEAR as u64) as i64;
            let ts = |t| Timestamp::from_second(t).unwrap();
            (ts(s), d, ts(e))
        })
        .collect()
}

fn rate(label: &str, n: usize, f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    let secs = t.elapsed().as_secs_f64();
    let per_sec = n as f64 / secs;
    println!("{label:<28} {n:>9} in {secs:>7.3} s  = {per_sec:>12.0} /s");
    per_sec
}

fn main() {
    let spec = CalendarSpec::latvian_office();

    let cold = Calendar::new(spec.clone()).unwrap();
    let t = Instant::now();
    black_box(cold.special_days(2027));
    println!(
        "first year table (build)     {:>9.1} µs",
        t.elapsed().as_secs_f64() * 1e6
    );
    let t = Instant::now();
    for _ in 0..1000 {
        black_box(cold.special_days(2027));
    }
    println!(
        "special_days(year), built    {:>9.2} µs each",
        t.elapsed().as_secs_f64() * 1e6 / 1000.0
    );

    let cal = Calendar::new(spec).unwrap();
    let t = Instant::now();
    for y in 2020..=2031 {
        black_box(cal.special_days(y));
    }
    println!(
        "tables 2020–2031 (warm-up)   {:>9.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    let n = 2_000_000;
    let data = inputs(n, 0x5eed_1234);
    let fast_add = rate("fast add", n, || {
        for (s, d, _) in &data {
            black_box(cal.add(*s, *d).unwrap());
        }
    });
    let fast_elapsed = rate("fast elapsed", n, || {
        for (s, _, e) in &data {
            black_box(cal.elapsed(*s, *e));
        }
    });

    let m = 300;
    let few = inputs(m, 0x5eed_1234);
    let naive_add = rate("naive add (day walk)", m, || {
        for (s, d, _) in &few {
            black_box(naive::add(&cal, *s, *d).unwrap());
        }
    });
    let naive_elapsed = rate("naive elapsed (day walk)", m, || {
        for (s, _, e) in &few {
            black_box(naive::elapsed(&cal, *s, *e));
        }
    });

    // The same answers, on the inputs both ran.
    for (s, d, e) in &few {
        assert_eq!(cal.add(*s, *d).unwrap(), naive::add(&cal, *s, *d).unwrap());
        assert_eq!(cal.elapsed(*s, *e), naive::elapsed(&cal, *s, *e));
    }
    println!(
        "speed-up: add {:.0}x, elapsed {:.0}x",
        fast_add / naive_add,
        fast_elapsed / naive_elapsed
    );

    let t = Instant::now();
    let long = 40;
    let start = Timestamp::from_second(FROM).unwrap();
    let mut last = start;
    for k in 1..=long {
        last = black_box(cal.add(start, k * YEAR_OF_WORK).unwrap());
    }
    println!(
        "add of 1..{long} years of work    {:>9.1} ms in all (cold tables to {})",
        t.elapsed().as_secs_f64() * 1e3,
        last.to_zoned(cal.time_zone().clone()).date().year()
    );
}
