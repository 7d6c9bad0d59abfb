//! `desk part`: the spare-parts catalogue (备件) and its stock per location — receive, transfer to an engineer's
//! van, count, list what runs low. Reservations for visits are made with `desk visit set V3 part=CODE:QTY`.

use super::UsageError;
use super::locale::say;
use super::output::{ListFormat, Out, Sink};
use crate::domain::warranty::{parse_yuan, yuan};
use crate::store::Store;
use crate::store::parts::{NewPart, PartRow, StockRow};

#[derive(Debug, clap::Subcommand)]
pub enum PartCmd {
    /// Add a part: `desk part add FLT-200 "滤芯 Filter" --price 89 --cost 35 --reorder 5 --fits "净水器 S9"`
    Add {
        code: String,
        name: String,
        /// Selling price, in yuan
        #[arg(long, default_value = "0")]
        price: String,
        /// Unit cost, in yuan
        #[arg(long, default_value = "0")]
        cost: String,
        /// Low-stock point: at or below this many free units the part is listed by --low
        #[arg(long, default_value_t = 0)]
        reorder: i64,
        /// Product names (or name prefixes) it fits, comma-separated
        #[arg(long, value_delimiter = ',')]
        fits: Vec<String>,
    },
    /// The catalogue with stock on hand, reserved and free; --low for parts at or below their reorder point
    List {
        #[arg(long)]
        low: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Stock by location, of one part or of all
    Stock {
        code: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Stock arrives: `desk part receive FLT-200 20 --at 上海仓`
    Receive {
        code: String,
        qty: i64,
        #[arg(long = "at")]
        location: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Move stock: `desk part transfer FLT-200 4 --from 上海仓 --to van:li`
    Transfer {
        code: String,
        qty: i64,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
    },
    /// A stocktake: set the counted quantity at a location (the difference is logged as an adjustment)
    Count {
        code: String,
        counted: i64,
        #[arg(long = "at")]
        location: String,
    },
}

const LIST_HEADER: &[&str] = &[
    "code",
    "name",
    "price",
    "on_hand",
    "reserved",
    "free",
    "reorder_at",
    "low",
    "fits",
];
const STOCK_HEADER: &[&str] = &["code", "location", "on_hand", "reserved", "free"];

fn list_cells(p: &PartRow) -> Vec<String> {
    let fits: Vec<&str> = p.compatible.iter().map(|c| c.as_str()).collect();
    vec![
        p.code.to_string(),
        p.name.to_string(),
        yuan(p.price_cents),
        p.on_hand.to_string(),
        p.reserved.to_string(),
        p.available().to_string(),
        p.reorder_at.to_string(),
        if p.is_low() { "low" } else { "" }.to_string(),
        fits.join(", "),
    ]
}

fn stock_cells(s: &StockRow) -> Vec<String> {
    vec![
        s.code.to_string(),
        s.location.to_string(),
        s.on_hand.to_string(),
        s.reserved.to_string(),
        (s.on_hand - s.reserved).to_string(),
    ]
}

fn money(flag: &str, v: &str) -> Result<i64, UsageError> {
    parse_yuan(v).ok_or_else(|| {
        UsageError(say(
            "usage-part-money",
            &[("flag", &format!("--{flag}")), ("value", &v)],
        ))
    })
}

pub fn run(store: &mut Store, cmd: PartCmd, now: i64, out: &mut Out<'_>) -> anyhow::Result<()> {
    match cmd {
        PartCmd::Add {
            code,
            name,
            price,
            cost,
            reorder,
            fits,
        } => {
            if reorder < 0 {
                return Err(UsageError(say("usage-part-reorder", &[])).into());
            }
            let part = NewPart {
                code,
                name,
                compatible: fits
                    .iter()
                    .map(|f| f.trim().to_string())
                    .filter(|f| !f.is_empty())
                    .collect(),
                unit_cost_cents: money("cost", &cost)?,
                price_cents: money("price", &price)?,
                reorder_at: reorder,
            };
            let code = store.add_part(&part, now)?;
            writeln!(out, "{}", say("said-part-added", &[("code", &code)]))?;
        }
        PartCmd::List { low, format } => {
            let rows = store.part_list(low)?;
            let mut sink = Sink::new(out, format, LIST_HEADER);
            sink.batch(&rows, list_cells, |p, w| {
                let mut j = serde_json::to_value(p)?;
                j["free"] = p.available().into();
                j["low"] = p.is_low().into();
                serde_json::to_writer(w, &j)
            })?;
            if sink.finish()? == 0 && format == ListFormat::Table {
                let what = if low {
                    say("said-part-none-low", &[])
                } else {
                    say("said-part-none", &[("add", &"`desk part add`")])
                };
                writeln!(out, "{what}")?;
            }
        }
        PartCmd::Stock { code, format } => {
            let rows = store.part_stock(code.as_deref())?;
            let mut sink = Sink::new(out, format, STOCK_HEADER);
            sink.batch(&rows, stock_cells, |s, w| serde_json::to_writer(w, s))?;
            sink.finish()?;
        }
        PartCmd::Receive {
            code,
            qty,
            location,
            note,
        } => {
            let after = store.receive_part(&code, &location, qty, &note, now)?;
            let line = say(
                "said-part-received",
                &[
                    ("code", &code.trim().to_uppercase()),
                    ("location", &location),
                    ("n", &after),
                ],
            );
            writeln!(out, "{line}")?;
        }
        PartCmd::Transfer {
            code,
            qty,
            from,
            to,
        } => {
            store.transfer_part(&code, &from, &to, qty, now)?;
            let line = say(
                "said-part-moved",
                &[
                    ("n", &qty),
                    ("code", &code.trim().to_uppercase()),
                    ("from", &from),
                    ("to", &to),
                ],
            );
            writeln!(out, "{line}")?;
        }
        PartCmd::Count {
            code,
            counted,
            location,
        } => {
            let after = store.count_part(&code, &location, counted, now)?;
            let line = say(
                "said-part-counted",
                &[
                    ("code", &code.trim().to_uppercase()),
                    ("location", &location),
                    ("n", &after),
                ],
            );
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
