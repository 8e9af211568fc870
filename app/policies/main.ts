export const policies = {
  MessagePolicy: () => import('#policies/message_policy'),
  ResidentPolicy: () => import('#policies/resident_policy'),
  SettingsPolicy: () => import('#policies/settings_policy'),
}
