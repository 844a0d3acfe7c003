//! Rule priorities: the rule engine's type, used by the configuration, the outputs and the
//! end-of-run statistics.

pub use falco_engine::Priority;
