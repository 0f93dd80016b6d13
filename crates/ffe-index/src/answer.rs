//! What an enterprise answers for an element, and the shape that answer takes.

use serde::{Deserialize, Serialize};

/// A metric of the equipment ledger (附录 2) that can supply an element's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerMetric {
    NetworkingRatePct,
    DataCollectionSharePct,
    InfoReceivingSharePct,
    DomesticValueSharePct,
    DomesticUnitSharePct,
    TotalInvestmentWan,
}

impl LedgerMetric {
    pub const ALL: [LedgerMetric; 6] = [
        LedgerMetric::NetworkingRatePct,
        LedgerMetric::DataCollectionSharePct,
        LedgerMetric::InfoReceivingSharePct,
        LedgerMetric::DomesticValueSharePct,
        LedgerMetric::DomesticUnitSharePct,
        LedgerMetric::TotalInvestmentWan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LedgerMetric::NetworkingRatePct => "networking_rate_pct",
            LedgerMetric::DataCollectionSharePct => "data_collection_share_pct",
            LedgerMetric::InfoReceivingSharePct => "info_receiving_share_pct",
            LedgerMetric::DomesticValueSharePct => "domestic_value_share_pct",
            LedgerMetric::DomesticUnitSharePct => "domestic_unit_share_pct",
            LedgerMetric::TotalInvestmentWan => "total_investment_wan",
        }
    }

    pub fn parse(text: &str) -> Option<LedgerMetric> {
        LedgerMetric::ALL.into_iter().find(|m| m.as_str() == text)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            LedgerMetric::NetworkingRatePct => "装备联网率",
            LedgerMetric::DataCollectionSharePct => "支持数据采集的装备占比",
            LedgerMetric::InfoReceivingSharePct => "支持信息接收的装备占比",
            LedgerMetric::DomesticValueSharePct => "国产设备系统金额占比",
            LedgerMetric::DomesticUnitSharePct => "国产设备系统台套数占比",
            LedgerMetric::TotalInvestmentWan => "设备系统累计投入（万元）",
        }
    }
}

/// The answer kind of an element, with what that kind needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Answer {
    /// One capability, achieved or not.
    Achievement,
    /// Ordered levels, lowest first; the enterprise names the highest it reaches.
    Tier { levels: Vec<String> },
    /// Any subset of the options may hold.
    Options { options: Vec<String> },
    /// A number with a unit.
    Quantity {
        unit: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ledger_metric: Option<LedgerMetric>,
    },
    /// A percentage, numerator over denominator.
    Ratio {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        numerator: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        denominator: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ledger_metric: Option<LedgerMetric>,
    },
    /// Points given by experts (section 4): up to `max`, or `per` each scenario up to `max`.
    Points {
        max: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        per: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_count: Option<u32>,
    },
}

impl Answer {
    pub const KINDS: [&'static str; 6] = [
        "achievement",
        "tier",
        "options",
        "quantity",
        "ratio",
        "points",
    ];

    pub fn kind(&self) -> &'static str {
        match self {
            Answer::Achievement => "achievement",
            Answer::Tier { .. } => "tier",
            Answer::Options { .. } => "options",
            Answer::Quantity { .. } => "quantity",
            Answer::Ratio { .. } => "ratio",
            Answer::Points { .. } => "points",
        }
    }

    pub fn kind_zh(&self) -> &'static str {
        match self {
            Answer::Achievement => "达成",
            Answer::Tier { .. } => "分级",
            Answer::Options { .. } => "多选",
            Answer::Quantity { .. } => "数量",
            Answer::Ratio { .. } => "比例",
            Answer::Points { .. } => "评分",
        }
    }

    pub fn ledger_metric(&self) -> Option<LedgerMetric> {
        match self {
            Answer::Quantity { ledger_metric, .. } | Answer::Ratio { ledger_metric, .. } => {
                *ledger_metric
            }
            _ => None,
        }
    }
}
