export const policies = {
  MessagePolicy: () => import('#policies/message_policy'),
  ResidentPolicy: () => import('#policies/resident_policy'),
  SettingsPolicy: () => import('#policies/settings_policy'),
  InstallPolicy: () => import('#policies/install_policy'),
  SegmentPolicy: () => import('#policies/segment_policy'),
  TemplatePolicy: () => import('#policies/template_policy'),
  TeamPolicy: () => import('#policies/team_policy'),
}
