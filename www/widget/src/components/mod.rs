//! The finder's parts; each renders the accessible DOM the widget contract
//! describes.

pub mod authority_card;
pub mod browse;
pub mod error_state;
pub mod kiosk;
pub mod no_result;
pub mod place_picker;
pub mod result_list;
pub mod search_box;
pub mod service_detail;
pub mod status;
