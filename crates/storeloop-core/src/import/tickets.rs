//! Support tickets as CSV, as helpdesks export them: one row per ticket with its id, the
//! requester's email, status, tags and when it was opened and closed. Column names from the
//! common helpdesks are accepted; tickets are matched by id, customers by email.

use std::path::Path;

use super::{fields, require_store, CsvFile, Error, Kind, Summary, Tally};
use crate::clock::Clock;
use crate::model::TicketStatus;
use crate::progress::Progress;
use crate::store::{ImportedTicket, Store};

/// Tickets per transaction (each commit also moves the resume checkpoint).
const TICKETS_PER_BATCH: usize = 1_000;

const ID: &[&str] = &["Ticket ID", "Ticket Id", "ticket_id", "ID", "Id", "id"];
const EMAIL: &[&str] = &["Requester email", "Requester Email", "Email", "email", "requester_email"];
const STATUS: &[&str] = &["Status", "status"];
const CREATED: &[&str] = &["Created at", "Created", "created_at", "created"];
const CLOSED: &[&str] = &["Solved at", "Closed at", "Closed", "closed_at", "closed"];
const TAGS: &[&str] = &["Tags", "tags"];
const SUBJECT: &[&str] = &["Subject", "subject"];

/// Zendesk-style statuses and their plain synonyms.
fn status(text: &str) -> Option<TicketStatus> {
    match text.trim().to_ascii_lowercase().as_str() {
        "new" | "open" | "hold" | "on-hold" | "on hold" => Some(TicketStatus::Open),
        "pending" | "waiting" => Some(TicketStatus::Pending),
        "solved" | "closed" | "resolved" => Some(TicketStatus::Closed),
        _ => None,
    }
}

pub(super) fn run(
    store: &mut Store,
    path: &Path,
    clock: &dyn Clock,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, Error> {
    let now = clock.now().as_second();
    require_store(store, path, "support tickets")?;
    let CsvFile { mut reader, headers, columns, size, head } = CsvFile::open(path)?;
    let find = |names: &[&str]| names.iter().find_map(|n| columns.get(*n).copied());
    let missing: Vec<&str> =
        [ID, EMAIL, STATUS, CREATED].iter().filter(|names| find(names).is_none()).map(|names| names[0]).collect();
    if !missing.is_empty() {
        return Err(Error::Header {
            path: path.to_path_buf(),
            reason: format!(
                "the header has no column {} (each ticket needs its id, the requester's email, its status and when it was created)",
                missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
            ),
        });
    }
    let get = |row: &csv::StringRecord, names: &[&str]| -> String {
        find(names).and_then(|i| row.get(i)).map(str::trim).unwrap_or("").to_owned()
    };

    let mut tally = Tally::begin(store, Kind::Tickets, path, size, &head, now)?;
    let mut batch: Vec<ImportedTicket> = Vec::with_capacity(TICKETS_PER_BATCH);
    let write = |tx: &mut crate::store::ImportTx<'_>, t: &ImportedTicket| tx.ticket(t);

    for record in reader.records() {
        let Some((line, row)) = tally.row(record, headers.len()) else { continue };
        let mut reject = |column: &[&str], reason: String| tally.reject(line, column.first().copied(), reason);
        let id = get(&row, ID);
        if id.is_empty() {
            reject(ID, "a ticket needs its id".to_owned());
            continue;
        }
        let Some(state) = status(&get(&row, STATUS)) else {
            reject(STATUS, format!("`{}` is not a ticket status (open, pending, solved, closed …)", get(&row, STATUS)));
            continue;
        };
        let opened_at = match fields::instant(&get(&row, CREATED)) {
            Ok(t) if t > now + 86_400 => {
                reject(CREATED, format!("{} is in the future", get(&row, CREATED)));
                continue;
            }
            Ok(t) => t,
            Err(reason) => {
                reject(CREATED, reason);
                continue;
            }
        };
        let closed_at = match get(&row, CLOSED).as_str() {
            "" => None,
            t => match fields::instant(t) {
                Ok(v) => Some(v),
                Err(reason) => {
                    reject(CLOSED, reason);
                    continue;
                }
            },
        };
        let email = Some(get(&row, EMAIL).to_lowercase()).filter(|e| e.contains('@'));
        let subject = get(&row, SUBJECT);
        batch.push(ImportedTicket {
            external_id: id,
            email,
            subject: if subject.is_empty() { "(no subject)".to_owned() } else { subject },
            tags: get(&row, TAGS)
                .split([',', ' '])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(","),
            status: state,
            opened_at,
            closed_at: if state == TicketStatus::Closed { closed_at } else { None },
        });
        if batch.len() >= TICKETS_PER_BATCH {
            tally.write(store, &mut batch, line, write)?;
            progress(Progress::bytes("Importing support tickets", row.position().map_or(0, |p| p.byte()), size));
        }
    }
    let last_line = tally.last_line;
    tally.write(store, &mut batch, last_line, write)?;
    progress(Progress::bytes("Importing support tickets", size, size));
    tally.finish(store, Kind::Tickets, path, clock)
}
