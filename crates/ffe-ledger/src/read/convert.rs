//! calamine's cell values as the core's [`Cell`].

use calamine::{Data, DataRef};

use crate::cell::Cell;

/// Days from the 1904 epoch's day 0 to the 1900 epoch's.
const EPOCH_1904_OFFSET: f64 = 1462.0;

fn date(serial: f64, is_1904: bool, is_datetime: bool) -> Cell {
    if !is_datetime {
        // A duration formatted as time: a number, not a date.
        return Cell::Number(serial);
    }
    Cell::Date(if is_1904 {
        serial + EPOCH_1904_OFFSET
    } else {
        serial
    })
}

pub fn from_ref(value: DataRef<'_>, is_1904: bool) -> Cell {
    match value {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(i as f64),
        DataRef::Float(f) => Cell::Number(f),
        DataRef::String(s) => Cell::Text(s),
        DataRef::SharedString(s) => Cell::Text(s.to_owned()),
        DataRef::Bool(b) => Cell::Bool(b),
        DataRef::DateTime(d) => date(d.as_f64(), is_1904, d.is_datetime()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

pub fn from_data(value: &Data, is_1904: bool) -> Cell {
    match value {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => date(d.as_f64(), is_1904, d.is_datetime()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}
