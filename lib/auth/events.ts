// Sign-in and sign-out hooks (the audit trail records them from the audit issue on).
export async function onSignIn(_userId: string, _provider: string): Promise<void> {}
export async function onSignOut(_userId: string): Promise<void> {}
