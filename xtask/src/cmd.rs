//! Small helpers around `std::process::Command` that turn failures into
//! errors naming the command that failed.

use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// The command line as a human would type it, for messages.
pub fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs `cmd` with the terminal as its output; `Ok(false)` when it exits
/// non-zero (for steps whose failure is a result, not an error).
pub fn succeeds(cmd: &mut Command) -> Result<bool> {
    let status = cmd
        .status()
        .with_context(|| format!("could not start `{}`", describe(cmd)))?;
    Ok(status.success())
}

/// Runs `cmd` with the terminal as its output; an error when it exits non-zero.
pub fn run(cmd: &mut Command) -> Result<()> {
    if !succeeds(cmd)? {
        bail!("`{}` failed", describe(cmd));
    }
    Ok(())
}

/// Runs `cmd` quietly, showing its output only inside the error when it fails
/// (initdb and pg_ctl are chatty when all goes well).
pub fn run_quiet(cmd: &mut Command) -> Result<()> {
    let output = cmd
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("could not start `{}`", describe(cmd)))?;
    if !output.status.success() {
        bail!(
            "`{}` failed with {}:\n{}{}",
            describe(cmd),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(())
}

/// Runs `cmd` and returns its standard output; an error, with the output
/// inside, when it exits non-zero.
pub fn stdout_of(cmd: &mut Command) -> Result<String> {
    let output = cmd
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("could not start `{}`", describe(cmd)))?;
    if !output.status.success() {
        bail!(
            "`{}` failed with {}:\n{}",
            describe(cmd),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    String::from_utf8(output.stdout)
        .with_context(|| format!("`{}` printed invalid UTF-8", describe(cmd)))
}
