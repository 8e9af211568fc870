export const policies = {
  AlertPolicy: () => import('#policies/messaging/alert_policy'),
  ResidentPolicy: () => import('#policies/residents/resident_policy'),
  SettingsPolicy: () => import('#policies/platform/settings_policy'),
  InstallPolicy: () => import('#policies/platform/install_policy'),
  SegmentPolicy: () => import('#policies/targeting/segment_policy'),
  TemplatePolicy: () => import('#policies/messaging/template_policy'),
  TeamPolicy: () => import('#policies/platform/team_policy'),
  ReplyPolicy: () => import('#policies/engagement/reply_policy'),
  PluginPolicy: () => import('#policies/platform/plugin_policy'),
  ReportPolicy: () => import('#policies/engagement/report_policy'),
  SurveyPolicy: () => import('#policies/engagement/survey_policy'),
  SchemeCoordinationPolicy: () => import('#policies/residents/scheme_coordination_policy'),
}
