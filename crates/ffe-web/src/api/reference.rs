//! `/api/v1/reference/*`: the public reference lists the registration form offers.

use axum::Json;

use super::views::{CityView, IndustryView};
use crate::error::AppError;

/// Zhejiang's cities and their counties (GB/T 2260).
#[utoipa::path(get, path = "/api/v1/reference/regions", tag = "reference",
    responses((status = 200, body = [CityView])))]
pub async fn regions() -> Result<Json<Vec<CityView>>, AppError> {
    CityView::shipped(|_| true)
        .map(Json)
        .ok_or_else(|| AppError::Internal("regions data".into()))
}

/// GB/T 4754-2017 manufacturing divisions and groups.
#[utoipa::path(get, path = "/api/v1/reference/industries", tag = "reference",
    responses((status = 200, body = [IndustryView])))]
pub async fn industries() -> Result<Json<Vec<IndustryView>>, AppError> {
    IndustryView::shipped()
        .map(Json)
        .ok_or_else(|| AppError::Internal("industries data".into()))
}
