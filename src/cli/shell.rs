//! Fitting selfmark into the shell: `selfmark completions SHELL` prints a
//! completion script for bash, zsh, fish, elvish or PowerShell, and
//! `selfmark man` prints the manual page (roff), both generated from the
//! same flag definitions the parser uses, so they never drift from it.

use super::{Result, exit};
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;

#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn completions(args: CompletionsArgs) -> Result<u8> {
    let mut cmd = super::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "selfmark", &mut out);
    std::io::stdout().lock().write_all(&out)?;
    Ok(exit::OK)
}

pub fn man() -> Result<u8> {
    let cmd = super::Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    std::io::stdout().lock().write_all(&out)?;
    Ok(exit::OK)
}
