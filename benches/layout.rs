//! Throughput of the text layout module: wrapping Chinese and English text
//! at 60 columns, plus width and sanitizing, in bytes per second.
//!
//! The samples are sentences written for this benchmark in the register of
//! a UN resolution, repeated to a few hundred kilobytes, one clause per
//! hard line.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use diglot::text::{WrapOptions, sanitize, str_width, wrap};

const CHINESE: &[&str] = &[
    "大会，",
    "回顾其关于加强联合国预防犯罪和刑事司法方案、特别是其技术合作能力的各项决议，包括第 65/169 号决议，",
    "深为关切跨国有组织犯罪、腐败、洗钱和恐怖主义对各国的安全、稳定与发展造成的不利影响，",
    "强调需要根据《联合国打击跨国有组织犯罪公约》及其各项议定书，加强国际合作，包括引渡和司法协助；",
    "1. 注意到秘书长的报告（A/67/458），并赞赏地注意到联合国毒品和犯罪问题办公室开展的工作；",
    "2. 请会员国继续“在自愿基础上”向该办公室提供捐款，以便其能够应对各国提出的技术援助请求。",
];

const ENGLISH: &[&str] = &[
    "The General Assembly,",
    "Recalling its resolutions on strengthening the United Nations crime prevention and criminal justice programme, in particular its technical cooperation capacity, including resolution 65/169,",
    "Deeply concerned about the negative effects of transnational organized crime, corruption, money-laundering and terrorism on the security, stability and development of States,",
    "Stressing the need to strengthen international cooperation, including extradition and mutual legal assistance, in accordance with the United Nations Convention against Transnational Organized Crime and the Protocols thereto,",
    "1. Takes note of the report of the Secretary-General (A/67/458), and notes with appreciation the work of the United Nations Office on Drugs and Crime;",
    "2. Invites Member States to continue to provide voluntary contributions to the Office so that it can respond to requests for technical assistance from States.",
];

/// Repeats the sentences, one per line, to at least `bytes` bytes.
fn sample(sentences: &[&str], bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 1024);
    while text.len() < bytes {
        for s in sentences {
            text.push_str(s);
            text.push('\n');
        }
    }
    text
}

fn bench_wrap(c: &mut Criterion) {
    let opts = WrapOptions {
        width: 60,
        ambiguous_wide: false,
    };
    let mut group = c.benchmark_group("wrap_60");
    for (name, sentences) in [("chinese", CHINESE), ("english", ENGLISH)] {
        let text = sample(sentences, 400_000);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| wrap(black_box(&text), &[], opts));
        });
    }
    // One clause as a single hard line, as a huge document may have.
    let one_line = sample(ENGLISH, 400_000).replace('\n', " ");
    group.throughput(Throughput::Bytes(one_line.len() as u64));
    group.bench_function("english_single_line", |b| {
        b.iter(|| wrap(black_box(&one_line), &[], opts));
    });
    group.finish();
}

fn bench_width_and_sanitize(c: &mut Criterion) {
    let mut group = c.benchmark_group("measure");
    for (name, sentences) in [("chinese", CHINESE), ("english", ENGLISH)] {
        let text = sample(sentences, 400_000);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("str_width_{name}"), |b| {
            b.iter(|| str_width(black_box(&text), false));
        });
        group.bench_function(format!("sanitize_clean_{name}"), |b| {
            b.iter(|| sanitize(black_box(&text)).len());
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Each iteration handles 400 kB (milliseconds): twenty samples over
    // three seconds keep the whole `cargo bench` suite near ten minutes.
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench_wrap, bench_width_and_sanitize
}
criterion_main!(benches);
