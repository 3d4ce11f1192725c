pub mod blocks;
pub mod fonts;
pub mod layout;
pub mod paginate;
