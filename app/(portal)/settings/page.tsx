import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/guards";
import { mailEnabled } from "@/lib/mail/config";
import { mailSettings } from "@/lib/server/notifications";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { MailSettings } from "@/components/settings/mail-settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePage("notifications:read", "/settings");
  const { mailMuted } = await mailSettings(user);
  return (
    <>
      <PageHeader title="Settings" description={`${user.name} (@${user.handle})`} />
      <Card>
        <CardHeader
          title="Notifications by e-mail"
          description="Everything still shows under the bell; untick what you do not want in your inbox."
        />
        <MailSettings muted={mailMuted} mailEnabled={mailEnabled()} />
      </Card>
    </>
  );
}
