//! The crate's error type.

/// `Result` with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why an export or import could not go on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Crisp (or the way to it) failed.
    #[error(transparent)]
    Client(#[from] crisp_client::Error),
    /// The file is not CSV we can read.
    #[error("the file is not readable CSV: {0}")]
    Csv(String),
    /// Writing the file failed.
    #[error("the file could not be written: {0}")]
    Io(String),
    /// A column every import needs is missing.
    #[error("the file has no {0} column")]
    MissingColumn(String),
}

impl From<csv::Error> for Error {
    fn from(error: csv::Error) -> Self {
        if error.is_io_error() {
            Error::Io(error.to_string())
        } else {
            Error::Csv(error.to_string())
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Self {
        Error::Io(error.to_string())
    }
}
