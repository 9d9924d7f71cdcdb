/** The three ways electron-builder (notarytool) takes Apple credentials from the environment. */
const CREDENTIAL_SETS: readonly (readonly string[])[] = [
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
  ['APPLE_KEYCHAIN_PROFILE'],
];

/**
 * Whether the macOS build is notarized: yes when one complete set of Apple credentials is in
 * the environment, no (said plainly in the build log) when none is. A partial set is a
 * mistake worth stopping for, never a silent unnotarized build: it throws naming what is
 * missing.
 */
export function notarizeFromEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  const given = (name: string): boolean => (env[name] ?? '') !== '';
  for (const set of CREDENTIAL_SETS) {
    const present = set.filter(given);
    if (present.length === set.length) return true;
    if (present.length > 0) {
      const missing = set.filter((name) => !given(name));
      throw new Error(
        `notarization: ${present.join(', ')} set but ${missing.join(', ')} missing; set all of ${set.join(', ')} or none`,
      );
    }
  }
  return false;
}
