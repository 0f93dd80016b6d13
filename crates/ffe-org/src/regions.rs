//! Zhejiang's prefecture-level cities and their county-level divisions, with GB/T 2260 codes.
//!
//! The data file (`data/regions/zhejiang.toml`) is generated from a published table; this module
//! loads it, checks that every code sits where its number says it does, and answers lookups.

use std::collections::HashSet;

use serde::Deserialize;

use crate::problem::{Collector, DataErrors, DataProblem, is_digits};

/// What a county-level division is. GB/T 2260 encodes it in the last two digits of the code:
/// 01–20 市辖区, 21–80 县 (自治县 included), 81–99 县级市.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CountyKind {
    District,
    County,
    City,
}

impl CountyKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            CountyKind::District => "市辖区",
            CountyKind::County => "县",
            CountyKind::City => "县级市",
        }
    }

    /// The kind that a county-level code's last two digits stand for.
    fn of_code(code: &str) -> Option<CountyKind> {
        let n: u8 = code.get(4..6)?.parse().ok()?;
        match n {
            1..=20 => Some(CountyKind::District),
            21..=80 => Some(CountyKind::County),
            81..=99 => Some(CountyKind::City),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct County {
    pub code: String,
    pub name: String,
    pub kind: CountyKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct City {
    pub code: String,
    pub name: String,
    pub counties: Vec<County>,
}

impl City {
    /// A county of this city, by its code or its exact name.
    pub fn county(&self, code_or_name: &str) -> Option<&County> {
        let key = code_or_name.trim();
        self.counties
            .iter()
            .find(|c| c.code == key || c.name == key)
    }
}

/// A county together with the city it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place<'a> {
    pub city: &'a City,
    pub county: &'a County,
}

/// Why a city and county chosen on a form do not make a place in the province.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceError {
    #[error("未知的设区市：“{0}”")]
    UnknownCity(String),
    #[error("未知的区、县（市）：“{0}”")]
    UnknownCounty(String),
    #[error("{county}不属于{city}")]
    NotInCity { county: String, city: String },
}

/// The province's cities and counties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regions {
    pub province_code: String,
    pub province_name: String,
    /// Where the data came from and the date it describes, for showing beside the lists.
    pub source: String,
    pub as_of: String,
    pub cities: Vec<City>,
}

impl Regions {
    /// Parses and checks a regions file; every problem is reported at once.
    pub fn load(text: &str) -> Result<Regions, DataErrors> {
        let raw: RawRegions = toml::from_str(text)
            .map_err(|e| DataErrors(vec![DataProblem::Syntax(e.message().to_string())]))?;
        let mut problems = Collector::default();
        let mut seen = HashSet::new();
        let province = raw.province;
        check_code(&province.code, &province.name, 6, &mut seen, &mut problems);
        check_ends_with(
            &province.code,
            "0000",
            "省级代码应以 0000 结尾",
            &mut problems,
        );
        let province_prefix = province.code.get(..2).unwrap_or_default().to_string();
        let mut cities = Vec::with_capacity(raw.city.len());
        for city in raw.city {
            check_code(&city.code, &city.name, 6, &mut seen, &mut problems);
            check_under(&city.code, &province.code, &province_prefix, &mut problems);
            check_ends_with(&city.code, "00", "设区市代码应以 00 结尾", &mut problems);
            let city_prefix = city.code.get(..4).unwrap_or_default().to_string();
            if city.counties.is_empty() {
                problems.push(DataProblem::Childless {
                    code: city.code.clone(),
                    missing: "区、县（市）",
                });
            }
            for county in &city.counties {
                check_code(&county.code, &county.name, 6, &mut seen, &mut problems);
                check_under(&county.code, &city.code, &city_prefix, &mut problems);
                match CountyKind::of_code(&county.code) {
                    Some(expected) if expected != county.kind => {
                        problems.push(DataProblem::WrongKind {
                            code: county.code.clone(),
                            expected: expected.label_zh(),
                            found: county.kind.label_zh(),
                        })
                    }
                    Some(_) => {}
                    None => problems.push(DataProblem::BadCode {
                        code: county.code.clone(),
                        why: "县级代码的末两位应在 01–99 之间",
                    }),
                }
            }
            cities.push(City {
                code: city.code,
                name: city.name,
                counties: city
                    .counties
                    .into_iter()
                    .map(|c| County {
                        code: c.code,
                        name: c.name,
                        kind: c.kind,
                    })
                    .collect(),
            });
        }
        problems.finish(Regions {
            province_code: province.code,
            province_name: province.name,
            source: raw.meta.source,
            as_of: raw.meta.as_of,
            cities,
        })
    }

    /// A city by its six-digit code ("330100") or its name, with or without 市 ("杭州市", "杭州").
    pub fn city(&self, code_or_name: &str) -> Option<&City> {
        let key = code_or_name.trim();
        self.cities
            .iter()
            .find(|c| c.code == key || c.name == key || c.name.strip_suffix('市') == Some(key))
    }

    /// A county-level division by its six-digit code, with its city.
    pub fn county(&self, code: &str) -> Option<Place<'_>> {
        let key = code.trim();
        self.cities.iter().find_map(|city| {
            city.counties
                .iter()
                .find(|c| c.code == key)
                .map(|county| Place { city, county })
        })
    }

    /// The place a registration form names by city and county codes: both must exist and the county
    /// must belong to the city.
    pub fn place(&self, city_code: &str, county_code: &str) -> Result<Place<'_>, PlaceError> {
        let city = self
            .city(city_code)
            .ok_or_else(|| PlaceError::UnknownCity(city_code.trim().to_string()))?;
        let place = self
            .county(county_code)
            .ok_or_else(|| PlaceError::UnknownCounty(county_code.trim().to_string()))?;
        if place.city.code != city.code {
            return Err(PlaceError::NotInCity {
                county: place.county.name.clone(),
                city: city.name.clone(),
            });
        }
        Ok(place)
    }
}

fn check_code(
    code: &str,
    name: &str,
    len: usize,
    seen: &mut HashSet<String>,
    problems: &mut Collector,
) {
    if !is_digits(code, len) {
        problems.push(DataProblem::BadCode {
            code: code.to_string(),
            why: "行政区划代码应为 6 位数字",
        });
    }
    if !seen.insert(code.to_string()) {
        problems.push(DataProblem::Duplicate {
            code: code.to_string(),
        });
    }
    if name.trim().is_empty() {
        problems.push(DataProblem::EmptyName {
            code: code.to_string(),
        });
    }
}

fn check_ends_with(code: &str, zeros: &str, why: &'static str, problems: &mut Collector) {
    if !code.ends_with(zeros) {
        problems.push(DataProblem::BadCode {
            code: code.to_string(),
            why,
        });
    }
}

/// A child's code must start with its parent's significant digits and differ from the parent.
fn check_under(child: &str, parent: &str, prefix: &str, problems: &mut Collector) {
    if !child.starts_with(prefix) || child == parent {
        problems.push(DataProblem::OutsideParent {
            child: child.to_string(),
            parent: parent.to_string(),
            prefix: prefix.to_string(),
        });
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegions {
    meta: RawMeta,
    province: RawDivision,
    #[serde(default)]
    city: Vec<RawCity>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    source: String,
    as_of: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDivision {
    code: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCity {
    code: String,
    name: String,
    #[serde(default)]
    counties: Vec<RawCounty>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCounty {
    code: String,
    name: String,
    kind: CountyKind,
}
