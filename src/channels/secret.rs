//! Passwords for mail servers: from an environment variable, or the first line a command prints (`pass show …`,
//! a keyring tool). Never from the config file, which teams copy around.

use anyhow::{Context, Result, bail};

/// The password `section` of the config points at.
pub fn password(section: &str, env: Option<&str>, command: Option<&str>) -> Result<String> {
    if let Some(var) = env {
        return std::env::var(var)
            .with_context(|| format!("{section} password_env: ${var} is not set"));
    }
    if let Some(cmd) = command {
        let out = std::process::Command::new("sh")
            .args(["-c", cmd])
            .stderr(std::process::Stdio::inherit())
            .output()
            .with_context(|| format!("{section} password_command `{cmd}` could not start"))?;
        if !out.status.success() {
            bail!("{section} password_command `{cmd}` failed ({})", out.status);
        }
        let text = String::from_utf8_lossy(&out.stdout);
        return Ok(text.lines().next().unwrap_or("").to_string());
    }
    bail!(
        "{section}: a username is set but no password_env or password_command says where its password is"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_the_environment_or_the_first_line_of_a_command() {
        let var = "DESK_SECRET_TEST_PASSWORD_7F3A";
        assert!(
            password("[x]", Some(var), None)
                .unwrap_err()
                .to_string()
                .contains("$DESK_SECRET_TEST_PASSWORD_7F3A is not set")
        );
        assert_eq!(
            password("[x]", None, Some("printf 's3cret\\nsecond line'")).unwrap(),
            "s3cret"
        );
        let failed = password("[x]", None, Some("exit 3"))
            .unwrap_err()
            .to_string();
        assert!(failed.contains("failed"), "{failed}");
        assert!(password("[x]", None, None).is_err());
    }
}
