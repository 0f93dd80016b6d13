//! `/api/v1/reference/*`: the public reference lists the registration form offers.

use axum::Json;

use super::views::{CityView, CodeName, IndustryView};
use crate::error::AppError;

/// Zhejiang's cities and their counties (GB/T 2260).
#[utoipa::path(get, path = "/api/v1/reference/regions", tag = "reference",
    responses((status = 200, body = [CityView])))]
pub async fn regions() -> Result<Json<Vec<CityView>>, AppError> {
    let regions =
        ffe_org::shipped::regions().map_err(|_| AppError::Internal("regions data".into()))?;
    Ok(Json(
        regions
            .cities
            .iter()
            .map(|c| CityView {
                code: c.code.clone(),
                name: c.name.clone(),
                counties: c
                    .counties
                    .iter()
                    .map(|k| CodeName {
                        code: k.code.clone(),
                        name: k.name.clone(),
                    })
                    .collect(),
            })
            .collect(),
    ))
}

/// GB/T 4754-2017 manufacturing divisions and groups.
#[utoipa::path(get, path = "/api/v1/reference/industries", tag = "reference",
    responses((status = 200, body = [IndustryView])))]
pub async fn industries() -> Result<Json<Vec<IndustryView>>, AppError> {
    let industries =
        ffe_org::shipped::industries().map_err(|_| AppError::Internal("industries data".into()))?;
    Ok(Json(
        industries
            .divisions
            .iter()
            .map(|d| IndustryView {
                code: d.code.clone(),
                name: d.name.clone(),
                groups: d
                    .groups
                    .iter()
                    .map(|g| CodeName {
                        code: g.code.clone(),
                        name: g.name.clone(),
                    })
                    .collect(),
            })
            .collect(),
    ))
}
