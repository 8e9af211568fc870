import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'assets.govuk_css': { paramsTuple?: []; params?: {} }
    'assets.govuk_js': { paramsTuple?: []; params?: {} }
    'home': { paramsTuple?: []; params?: {} }
    'language.switch': { paramsTuple: [ParamValue]; params: {'locale': ParamValue} }
    'signups.create': { paramsTuple?: []; params?: {} }
    'signups.store': { paramsTuple?: []; params?: {} }
    'signups.check_email': { paramsTuple?: []; params?: {} }
    'confirmations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'confirmations.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'unsubscribe.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'unsubscribe.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'unsubscribe.one_click': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.login': { paramsTuple?: []; params?: {} }
    'staff.login.store': { paramsTuple?: []; params?: {} }
    'staff.logout': { paramsTuple?: []; params?: {} }
    'staff.dashboard': { paramsTuple?: []; params?: {} }
    'staff.alerts.create': { paramsTuple?: []; params?: {} }
    'staff.alerts.store': { paramsTuple?: []; params?: {} }
    'staff.alerts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.progress': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.send': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.pause': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.resume': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.cancel_confirmation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'audience.count': { paramsTuple?: []; params?: {} }
    'outbox.index': { paramsTuple?: []; params?: {} }
    'outbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'assets.leaflet_js': { paramsTuple?: []; params?: {} }
    'assets.leaflet_css': { paramsTuple?: []; params?: {} }
    'signups.areas': { paramsTuple?: []; params?: {} }
    'signups.postcode': { paramsTuple?: []; params?: {} }
    'signups.map': { paramsTuple?: []; params?: {} }
    'signups.map.store': { paramsTuple?: []; params?: {} }
    'signups.ward': { paramsTuple?: []; params?: {} }
    'signups.ward.store': { paramsTuple?: []; params?: {} }
    'signups.contact': { paramsTuple?: []; params?: {} }
    'signups.contact.store': { paramsTuple?: []; params?: {} }
    'signups.topics': { paramsTuple?: []; params?: {} }
    'signups.topics.store': { paramsTuple?: []; params?: {} }
    'signups.schemes': { paramsTuple?: []; params?: {} }
    'signups.schemes.store': { paramsTuple?: []; params?: {} }
    'signups.channels': { paramsTuple?: []; params?: {} }
    'signups.channels.store': { paramsTuple?: []; params?: {} }
    'signups.priority': { paramsTuple?: []; params?: {} }
    'signups.priority.store': { paramsTuple?: []; params?: {} }
    'signups.about_you': { paramsTuple?: []; params?: {} }
    'signups.about_you.store': { paramsTuple?: []; params?: {} }
    'signups.quiet_time': { paramsTuple?: []; params?: {} }
    'signups.quiet_time.store': { paramsTuple?: []; params?: {} }
    'signups.organisations': { paramsTuple?: []; params?: {} }
    'signups.organisations.store': { paramsTuple?: []; params?: {} }
    'signups.check': { paramsTuple?: []; params?: {} }
    'signups.phone_code': { paramsTuple?: []; params?: {} }
    'signups.phone_code.store': { paramsTuple?: []; params?: {} }
    'signups.phone_code.resend': { paramsTuple?: []; params?: {} }
    'doorstep.create': { paramsTuple?: []; params?: {} }
    'doorstep.store': { paramsTuple?: []; params?: {} }
    'doorstep.verify': { paramsTuple?: []; params?: {} }
    'doorstep.verify.store': { paramsTuple?: []; params?: {} }
    'self_service.request': { paramsTuple?: []; params?: {} }
    'self_service.request.store': { paramsTuple?: []; params?: {} }
    'self_service.check_email': { paramsTuple?: []; params?: {} }
    'self_service.help': { paramsTuple?: []; params?: {} }
    'self_service.help.store': { paramsTuple?: []; params?: {} }
    'self_service.help.sent': { paramsTuple?: []; params?: {} }
    'self_service.sign_in.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'self_service.sign_in.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'self_service.sign_out': { paramsTuple?: []; params?: {} }
    'self_service.erased': { paramsTuple?: []; params?: {} }
    'contact_changes.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'contact_changes.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'self_service.account': { paramsTuple?: []; params?: {} }
    'self_service.stop': { paramsTuple?: []; params?: {} }
    'self_service.resume': { paramsTuple?: []; params?: {} }
    'self_service.sign_out_everywhere.confirm': { paramsTuple?: []; params?: {} }
    'self_service.sign_out_everywhere': { paramsTuple?: []; params?: {} }
    'self_service.channel.edit': { paramsTuple: [ParamValue]; params: {'channel': ParamValue} }
    'self_service.channel.update': { paramsTuple: [ParamValue]; params: {'channel': ParamValue} }
    'self_service.priority.edit': { paramsTuple?: []; params?: {} }
    'self_service.priority.update': { paramsTuple?: []; params?: {} }
    'self_service.language.edit': { paramsTuple?: []; params?: {} }
    'self_service.language.update': { paramsTuple?: []; params?: {} }
    'self_service.interests.edit': { paramsTuple?: []; params?: {} }
    'self_service.interests.update': { paramsTuple?: []; params?: {} }
    'self_service.schemes.edit': { paramsTuple?: []; params?: {} }
    'self_service.schemes.update': { paramsTuple?: []; params?: {} }
    'self_service.tracking.edit': { paramsTuple?: []; params?: {} }
    'self_service.tracking.update': { paramsTuple?: []; params?: {} }
    'self_service.consents.edit': { paramsTuple?: []; params?: {} }
    'self_service.consents.update': { paramsTuple?: []; params?: {} }
    'self_service.name.edit': { paramsTuple?: []; params?: {} }
    'self_service.name.update': { paramsTuple?: []; params?: {} }
    'self_service.email.edit': { paramsTuple?: []; params?: {} }
    'self_service.email.update': { paramsTuple?: []; params?: {} }
    'self_service.home.edit': { paramsTuple?: []; params?: {} }
    'self_service.home.place': { paramsTuple?: []; params?: {} }
    'self_service.home.check': { paramsTuple?: []; params?: {} }
    'self_service.home.move': { paramsTuple?: []; params?: {} }
    'self_service.about_you.edit': { paramsTuple?: []; params?: {} }
    'self_service.about_you.update': { paramsTuple?: []; params?: {} }
    'self_service.about_you.destroy': { paramsTuple?: []; params?: {} }
    'self_service.received': { paramsTuple?: []; params?: {} }
    'self_service.data': { paramsTuple?: []; params?: {} }
    'self_service.data.json': { paramsTuple?: []; params?: {} }
    'self_service.data.csv': { paramsTuple?: []; params?: {} }
    'self_service.numbers.edit': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'self_service.numbers.send': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'self_service.numbers.code': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'self_service.numbers.check': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'self_service.erase.confirm': { paramsTuple?: []; params?: {} }
    'self_service.erase': { paramsTuple?: []; params?: {} }
    'residents.index': { paramsTuple?: []; params?: {} }
    'residents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'residents.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'residents.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'residents.sign_in_link': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'access_requests.index': { paramsTuple?: []; params?: {} }
    'resident_imports.create': { paramsTuple?: []; params?: {} }
    'resident_imports.store': { paramsTuple?: []; params?: {} }
    'resident_imports.mapping': { paramsTuple: [ParamValue]; params: {'upload': ParamValue} }
    'resident_imports.check': { paramsTuple: [ParamValue]; params: {'upload': ParamValue} }
    'resident_imports.dry_run': { paramsTuple: [ParamValue]; params: {'upload': ParamValue} }
    'resident_imports.run': { paramsTuple: [ParamValue]; params: {'upload': ParamValue} }
    'resident_imports.index': { paramsTuple?: []; params?: {} }
    'resident_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'resident_imports.report': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lists.index': { paramsTuple?: []; params?: {} }
    'interests.create': { paramsTuple?: []; params?: {} }
    'interests.store': { paramsTuple?: []; params?: {} }
    'interests.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'interests.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'interests.confirm_destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'interests.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'schemes.create': { paramsTuple?: []; params?: {} }
    'schemes.store': { paramsTuple?: []; params?: {} }
    'schemes.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'schemes.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'schemes.confirm_destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'schemes.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'alerts.index': { paramsTuple?: []; params?: {} }
    'alerts.feed_rss': { paramsTuple?: []; params?: {} }
    'alerts.feed_atom': { paramsTuple?: []; params?: {} }
    'alerts.feed_cap': { paramsTuple?: []; params?: {} }
    'alerts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'alerts.cap': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api_tokens.index': { paramsTuple?: []; params?: {} }
    'api_tokens.create': { paramsTuple?: []; params?: {} }
    'api_tokens.store': { paramsTuple?: []; params?: {} }
    'api_tokens.confirm_revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api_tokens.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.alerts.store': { paramsTuple?: []; params?: {} }
    'api.alerts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.alerts.send': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.password_reset.create': { paramsTuple?: []; params?: {} }
    'staff.password_reset.store': { paramsTuple?: []; params?: {} }
    'staff.password_reset.sent': { paramsTuple?: []; params?: {} }
    'staff.password_reset.edit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'staff.password_reset.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'staff.two_factor.show': { paramsTuple?: []; params?: {} }
    'staff.two_factor.verify': { paramsTuple?: []; params?: {} }
    'staff.two_factor.setup': { paramsTuple?: []; params?: {} }
    'staff.two_factor.confirm': { paramsTuple?: []; params?: {} }
    'staff_invitations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'staff_invitations.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'account.show': { paramsTuple?: []; params?: {} }
    'account.confirm_sign_out_everywhere': { paramsTuple?: []; params?: {} }
    'account.sign_out_everywhere': { paramsTuple?: []; params?: {} }
    'recovery_codes.confirm': { paramsTuple?: []; params?: {} }
    'recovery_codes.regenerate': { paramsTuple?: []; params?: {} }
    'team.index': { paramsTuple?: []; params?: {} }
    'team.edit_role': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'team.update_role': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'team.confirm_remove': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'team.remove': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'team.confirm_two_factor_reset': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'team.two_factor_reset': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invitations.create': { paramsTuple?: []; params?: {} }
    'invitations.store': { paramsTuple?: []; params?: {} }
    'invitations.resend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invitations.confirm_revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invitations.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.submit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.return': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.approve_spending': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.overlap_leave_out': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'otherId': ParamValue} }
    'staff.alerts.overlap_include': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'otherId': ParamValue} }
    'staff.alerts.cosigner_invite': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.cosigner_remove': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.joint_alerts.index': { paramsTuple?: []; params?: {} }
    'staff.joint_alerts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.joint_alerts.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.joint_alerts.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.schedule': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.schedule_cancel_confirmation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.schedule_cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'templates.index': { paramsTuple?: []; params?: {} }
    'templates.create': { paramsTuple?: []; params?: {} }
    'templates.store': { paramsTuple?: []; params?: {} }
    'templates.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'templates.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'templates.confirm_destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'templates.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'templates.use': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'approval_settings.show': { paramsTuple?: []; params?: {} }
    'approval_settings.update': { paramsTuple?: []; params?: {} }
    'assets.geoman_js': { paramsTuple?: []; params?: {} }
    'assets.geoman_css': { paramsTuple?: []; params?: {} }
    'staff.alerts.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'segments.index': { paramsTuple?: []; params?: {} }
    'segments.store': { paramsTuple?: []; params?: {} }
    'segments.confirm_destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'segments.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.preview': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.preview_email': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.test': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'branding.edit': { paramsTuple?: []; params?: {} }
    'branding.update': { paramsTuple?: []; params?: {} }
    'branding.logo': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'staff.organisation_switch': { paramsTuple?: []; params?: {} }
    'organisations.index': { paramsTuple?: []; params?: {} }
    'organisations.create': { paramsTuple?: []; params?: {} }
    'organisations.store': { paramsTuple?: []; params?: {} }
    'organisations.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.invite': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.invite.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.branding': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.branding.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.confirm_suspend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.suspend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.confirm_reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'areas.index': { paramsTuple?: []; params?: {} }
    'area_imports.store': { paramsTuple?: []; params?: {} }
    'area_imports.options': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'area_imports.check': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'area_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'area_imports.progress': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'area_imports.run': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'site.privacy': { paramsTuple?: []; params?: {} }
    'site.accessibility': { paramsTuple?: []; params?: {} }
    'site.cookies': { paramsTuple?: []; params?: {} }
    'site.contact': { paramsTuple?: []; params?: {} }
    'site_settings.edit': { paramsTuple?: []; params?: {} }
    'site_settings.update': { paramsTuple?: []; params?: {} }
    'audit_log.index': { paramsTuple?: []; params?: {} }
    'plugins.index': { paramsTuple?: []; params?: {} }
    'plugins.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'plugins.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'plugins.disable': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'plugins.settings': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'plugins.organisation.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'plugins.organisation.disable': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'plugins.organisation.settings': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'channels.health': { paramsTuple?: []; params?: {} }
    'channels.test': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'verify.show': { paramsTuple?: []; params?: {} }
    'verify.qr': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'staff.alerts.report': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.report_timeline_csv': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.report_failures_csv': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'alert_ratings.show': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'alert_ratings.store': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'alert_ratings.comment': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'rating_short_links.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'rating_reports.index': { paramsTuple?: []; params?: {} }
    'alert_replies.show': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'alert_replies.store': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'inbound_email.receive': { paramsTuple?: []; params?: {} }
    'inbox.index': { paramsTuple?: []; params?: {} }
    'inbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inbox.assign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inbox.answer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inbox.confirm_close': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inbox.close': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inbox.reopen': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'resident_reports.index': { paramsTuple?: []; params?: {} }
    'resident_reports.csv': { paramsTuple: [ParamValue]; params: {'table': ParamValue} }
    'alert_activity_reports.index': { paramsTuple?: []; params?: {} }
    'alert_activity_reports.csv': { paramsTuple: [ParamValue]; params: {'table': ParamValue} }
    'representation_reports.index': { paramsTuple?: []; params?: {} }
    'representation_reports.csv': { paramsTuple: [ParamValue]; params: {'table': ParamValue} }
    'tell_us.guidance': { paramsTuple?: []; params?: {} }
    'tell_us.sent': { paramsTuple?: []; params?: {} }
    'tell_us.form': { paramsTuple?: []; params?: {} }
    'tell_us.store': { paramsTuple?: []; params?: {} }
    'tell_us.signed_guidance': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'tell_us.signed_form': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'tell_us.signed_store': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'inbox.attachment': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'alert_shares.show': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'alert_shares.email': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'forwarded_alerts.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'forward_reports.index': { paramsTuple?: []; params?: {} }
    'virtual_schemes.create': { paramsTuple?: []; params?: {} }
    'virtual_schemes.store': { paramsTuple?: []; params?: {} }
    'surveys.public': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'surveys.public.store': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'surveys.public.thank_you': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'surveys.signed': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'surveys.signed.store': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'surveys.index': { paramsTuple?: []; params?: {} }
    'surveys.create': { paramsTuple?: []; params?: {} }
    'surveys.store': { paramsTuple?: []; params?: {} }
    'surveys.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'surveys.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'surveys.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'surveys.alert': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'survey_questions.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'survey_questions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'survey_questions.edit': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'survey_questions.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'survey_questions.move': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'survey_questions.confirm_destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'survey_questions.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'survey_results.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'survey_results.csv': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'survey_results.question_csv': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'survey_results.text_answers': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'open_click_reports.csv': { paramsTuple: [ParamValue]; params: {'table': ParamValue} }
    'tracking_settings.show': { paramsTuple?: []; params?: {} }
    'tracking_settings.update': { paramsTuple?: []; params?: {} }
    'coordination.schemes': { paramsTuple?: []; params?: {} }
    'coordination.members': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'coordination.alerts.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'coordination.alerts.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'coordination.alerts.send': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'alertId': ParamValue} }
    'scheme_requests.index': { paramsTuple?: []; params?: {} }
    'scheme_requests.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scheme_requests.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scheme_requests.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'team.edit_schemes': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'team.update_schemes': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invitations.edit_schemes': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invitations.update_schemes': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'self_service.schemes.near': { paramsTuple?: []; params?: {} }
    'self_service.schemes.ask': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'self_service.schemes.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  GET: {
    'assets.govuk_css': { paramsTuple?: []; params?: {} }
    'assets.govuk_js': { paramsTuple?: []; params?: {} }
    'home': { paramsTuple?: []; params?: {} }
    'language.switch': { paramsTuple: [ParamValue]; params: {'locale': ParamValue} }
    'signups.create': { paramsTuple?: []; params?: {} }
    'signups.check_email': { paramsTuple?: []; params?: {} }
    'confirmations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'unsubscribe.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.login': { paramsTuple?: []; params?: {} }
    'staff.dashboard': { paramsTuple?: []; params?: {} }
    'staff.alerts.create': { paramsTuple?: []; params?: {} }
    'staff.alerts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.progress': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.cancel_confirmation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'audience.count': { paramsTuple?: []; params?: {} }
    'outbox.index': { paramsTuple?: []; params?: {} }
    'outbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'assets.leaflet_js': { paramsTuple?: []; params?: {} }
    'assets.leaflet_css': { paramsTuple?: []; params?: {} }
    'signups.areas': { paramsTuple?: []; params?: {} }
    'signups.map': { paramsTuple?: []; params?: {} }
    'signups.ward': { paramsTuple?: []; params?: {} }
    'signups.contact': { paramsTuple?: []; params?: {} }
    'signups.topics': { paramsTuple?: []; params?: {} }
    'signups.schemes': { paramsTuple?: []; params?: {} }
    'signups.channels': { paramsTuple?: []; params?: {} }
    'signups.priority': { paramsTuple?: []; params?: {} }
    'signups.about_you': { paramsTuple?: []; params?: {} }
    'signups.quiet_time': { paramsTuple?: []; params?: {} }
    'signups.organisations': { paramsTuple?: []; params?: {} }
    'signups.check': { paramsTuple?: []; params?: {} }
    'signups.phone_code': { paramsTuple?: []; params?: {} }
    'doorstep.create': { paramsTuple?: []; params?: {} }
    'doorstep.verify': { paramsTuple?: []; params?: {} }
    'self_service.request': { paramsTuple?: []; params?: {} }
    'self_service.check_email': { paramsTuple?: []; params?: {} }
    'self_service.help': { paramsTuple?: []; params?: {} }
    'self_service.help.sent': { paramsTuple?: []; params?: {} }
    'self_service.sign_in.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'self_service.erased': { paramsTuple?: []; params?: {} }
    'contact_changes.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'self_service.account': { paramsTuple?: []; params?: {} }
    'self_service.sign_out_everywhere.confirm': { paramsTuple?: []; params?: {} }
    'self_service.channel.edit': { paramsTuple: [ParamValue]; params: {'channel': ParamValue} }
    'self_service.priority.edit': { paramsTuple?: []; params?: {} }
    'self_service.language.edit': { paramsTuple?: []; params?: {} }
    'self_service.interests.edit': { paramsTuple?: []; params?: {} }
    'self_service.schemes.edit': { paramsTuple?: []; params?: {} }
    'self_service.tracking.edit': { paramsTuple?: []; params?: {} }
    'self_service.consents.edit': { paramsTuple?: []; params?: {} }
    'self_service.name.edit': { paramsTuple?: []; params?: {} }
    'self_service.email.edit': { paramsTuple?: []; params?: {} }
    'self_service.home.edit': { paramsTuple?: []; params?: {} }
    'self_service.home.check': { paramsTuple?: []; params?: {} }
    'self_service.about_you.edit': { paramsTuple?: []; params?: {} }
    'self_service.received': { paramsTuple?: []; params?: {} }
    'self_service.data': { paramsTuple?: []; params?: {} }
    'self_service.data.json': { paramsTuple?: []; params?: {} }
    'self_service.data.csv': { paramsTuple?: []; params?: {} }
    'self_service.numbers.edit': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'self_service.numbers.code': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'self_service.erase.confirm': { paramsTuple?: []; params?: {} }
    'residents.index': { paramsTuple?: []; params?: {} }
    'residents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'residents.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'access_requests.index': { paramsTuple?: []; params?: {} }
    'resident_imports.create': { paramsTuple?: []; params?: {} }
    'resident_imports.mapping': { paramsTuple: [ParamValue]; params: {'upload': ParamValue} }
    'resident_imports.dry_run': { paramsTuple: [ParamValue]; params: {'upload': ParamValue} }
    'resident_imports.index': { paramsTuple?: []; params?: {} }
    'resident_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'resident_imports.report': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lists.index': { paramsTuple?: []; params?: {} }
    'interests.create': { paramsTuple?: []; params?: {} }
    'interests.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'interests.confirm_destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'schemes.create': { paramsTuple?: []; params?: {} }
    'schemes.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'schemes.confirm_destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'alerts.index': { paramsTuple?: []; params?: {} }
    'alerts.feed_rss': { paramsTuple?: []; params?: {} }
    'alerts.feed_atom': { paramsTuple?: []; params?: {} }
    'alerts.feed_cap': { paramsTuple?: []; params?: {} }
    'alerts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'alerts.cap': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api_tokens.index': { paramsTuple?: []; params?: {} }
    'api_tokens.create': { paramsTuple?: []; params?: {} }
    'api_tokens.confirm_revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.alerts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.password_reset.create': { paramsTuple?: []; params?: {} }
    'staff.password_reset.sent': { paramsTuple?: []; params?: {} }
    'staff.password_reset.edit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'staff.two_factor.show': { paramsTuple?: []; params?: {} }
    'staff.two_factor.setup': { paramsTuple?: []; params?: {} }
    'staff_invitations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'account.show': { paramsTuple?: []; params?: {} }
    'account.confirm_sign_out_everywhere': { paramsTuple?: []; params?: {} }
    'recovery_codes.confirm': { paramsTuple?: []; params?: {} }
    'team.index': { paramsTuple?: []; params?: {} }
    'team.edit_role': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'team.confirm_remove': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'team.confirm_two_factor_reset': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invitations.create': { paramsTuple?: []; params?: {} }
    'invitations.confirm_revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.joint_alerts.index': { paramsTuple?: []; params?: {} }
    'staff.joint_alerts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.schedule_cancel_confirmation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'templates.index': { paramsTuple?: []; params?: {} }
    'templates.create': { paramsTuple?: []; params?: {} }
    'templates.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'templates.confirm_destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'approval_settings.show': { paramsTuple?: []; params?: {} }
    'assets.geoman_js': { paramsTuple?: []; params?: {} }
    'assets.geoman_css': { paramsTuple?: []; params?: {} }
    'staff.alerts.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'segments.index': { paramsTuple?: []; params?: {} }
    'segments.confirm_destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.preview': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.preview_email': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'branding.edit': { paramsTuple?: []; params?: {} }
    'branding.logo': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'organisations.index': { paramsTuple?: []; params?: {} }
    'organisations.create': { paramsTuple?: []; params?: {} }
    'organisations.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.invite': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.branding': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.confirm_suspend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.confirm_reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'areas.index': { paramsTuple?: []; params?: {} }
    'area_imports.options': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'area_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'area_imports.progress': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'site.privacy': { paramsTuple?: []; params?: {} }
    'site.accessibility': { paramsTuple?: []; params?: {} }
    'site.cookies': { paramsTuple?: []; params?: {} }
    'site.contact': { paramsTuple?: []; params?: {} }
    'site_settings.edit': { paramsTuple?: []; params?: {} }
    'audit_log.index': { paramsTuple?: []; params?: {} }
    'plugins.index': { paramsTuple?: []; params?: {} }
    'plugins.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'plugins.disable': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'plugins.organisation.disable': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'channels.health': { paramsTuple?: []; params?: {} }
    'verify.show': { paramsTuple?: []; params?: {} }
    'verify.qr': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'staff.alerts.report': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.report_timeline_csv': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.report_failures_csv': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'alert_ratings.show': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'rating_short_links.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'rating_reports.index': { paramsTuple?: []; params?: {} }
    'alert_replies.show': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'inbox.index': { paramsTuple?: []; params?: {} }
    'inbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inbox.confirm_close': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'resident_reports.index': { paramsTuple?: []; params?: {} }
    'resident_reports.csv': { paramsTuple: [ParamValue]; params: {'table': ParamValue} }
    'alert_activity_reports.index': { paramsTuple?: []; params?: {} }
    'alert_activity_reports.csv': { paramsTuple: [ParamValue]; params: {'table': ParamValue} }
    'representation_reports.index': { paramsTuple?: []; params?: {} }
    'representation_reports.csv': { paramsTuple: [ParamValue]; params: {'table': ParamValue} }
    'tell_us.guidance': { paramsTuple?: []; params?: {} }
    'tell_us.sent': { paramsTuple?: []; params?: {} }
    'tell_us.form': { paramsTuple?: []; params?: {} }
    'tell_us.signed_guidance': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'tell_us.signed_form': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'inbox.attachment': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'alert_shares.show': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'forwarded_alerts.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'forward_reports.index': { paramsTuple?: []; params?: {} }
    'virtual_schemes.create': { paramsTuple?: []; params?: {} }
    'surveys.public': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'surveys.public.thank_you': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'surveys.signed': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'surveys.index': { paramsTuple?: []; params?: {} }
    'surveys.create': { paramsTuple?: []; params?: {} }
    'surveys.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'surveys.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'survey_questions.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'survey_questions.edit': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'survey_questions.confirm_destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'survey_results.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'survey_results.csv': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'survey_results.question_csv': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'survey_results.text_answers': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'open_click_reports.csv': { paramsTuple: [ParamValue]; params: {'table': ParamValue} }
    'tracking_settings.show': { paramsTuple?: []; params?: {} }
    'coordination.schemes': { paramsTuple?: []; params?: {} }
    'coordination.members': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'coordination.alerts.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scheme_requests.index': { paramsTuple?: []; params?: {} }
    'scheme_requests.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'team.edit_schemes': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invitations.edit_schemes': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'self_service.schemes.near': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'assets.govuk_css': { paramsTuple?: []; params?: {} }
    'assets.govuk_js': { paramsTuple?: []; params?: {} }
    'home': { paramsTuple?: []; params?: {} }
    'language.switch': { paramsTuple: [ParamValue]; params: {'locale': ParamValue} }
    'signups.create': { paramsTuple?: []; params?: {} }
    'signups.check_email': { paramsTuple?: []; params?: {} }
    'confirmations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'unsubscribe.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.login': { paramsTuple?: []; params?: {} }
    'staff.dashboard': { paramsTuple?: []; params?: {} }
    'staff.alerts.create': { paramsTuple?: []; params?: {} }
    'staff.alerts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.progress': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.cancel_confirmation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'audience.count': { paramsTuple?: []; params?: {} }
    'outbox.index': { paramsTuple?: []; params?: {} }
    'outbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'assets.leaflet_js': { paramsTuple?: []; params?: {} }
    'assets.leaflet_css': { paramsTuple?: []; params?: {} }
    'signups.areas': { paramsTuple?: []; params?: {} }
    'signups.map': { paramsTuple?: []; params?: {} }
    'signups.ward': { paramsTuple?: []; params?: {} }
    'signups.contact': { paramsTuple?: []; params?: {} }
    'signups.topics': { paramsTuple?: []; params?: {} }
    'signups.schemes': { paramsTuple?: []; params?: {} }
    'signups.channels': { paramsTuple?: []; params?: {} }
    'signups.priority': { paramsTuple?: []; params?: {} }
    'signups.about_you': { paramsTuple?: []; params?: {} }
    'signups.quiet_time': { paramsTuple?: []; params?: {} }
    'signups.organisations': { paramsTuple?: []; params?: {} }
    'signups.check': { paramsTuple?: []; params?: {} }
    'signups.phone_code': { paramsTuple?: []; params?: {} }
    'doorstep.create': { paramsTuple?: []; params?: {} }
    'doorstep.verify': { paramsTuple?: []; params?: {} }
    'self_service.request': { paramsTuple?: []; params?: {} }
    'self_service.check_email': { paramsTuple?: []; params?: {} }
    'self_service.help': { paramsTuple?: []; params?: {} }
    'self_service.help.sent': { paramsTuple?: []; params?: {} }
    'self_service.sign_in.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'self_service.erased': { paramsTuple?: []; params?: {} }
    'contact_changes.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'self_service.account': { paramsTuple?: []; params?: {} }
    'self_service.sign_out_everywhere.confirm': { paramsTuple?: []; params?: {} }
    'self_service.channel.edit': { paramsTuple: [ParamValue]; params: {'channel': ParamValue} }
    'self_service.priority.edit': { paramsTuple?: []; params?: {} }
    'self_service.language.edit': { paramsTuple?: []; params?: {} }
    'self_service.interests.edit': { paramsTuple?: []; params?: {} }
    'self_service.schemes.edit': { paramsTuple?: []; params?: {} }
    'self_service.tracking.edit': { paramsTuple?: []; params?: {} }
    'self_service.consents.edit': { paramsTuple?: []; params?: {} }
    'self_service.name.edit': { paramsTuple?: []; params?: {} }
    'self_service.email.edit': { paramsTuple?: []; params?: {} }
    'self_service.home.edit': { paramsTuple?: []; params?: {} }
    'self_service.home.check': { paramsTuple?: []; params?: {} }
    'self_service.about_you.edit': { paramsTuple?: []; params?: {} }
    'self_service.received': { paramsTuple?: []; params?: {} }
    'self_service.data': { paramsTuple?: []; params?: {} }
    'self_service.data.json': { paramsTuple?: []; params?: {} }
    'self_service.data.csv': { paramsTuple?: []; params?: {} }
    'self_service.numbers.edit': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'self_service.numbers.code': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'self_service.erase.confirm': { paramsTuple?: []; params?: {} }
    'residents.index': { paramsTuple?: []; params?: {} }
    'residents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'residents.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'access_requests.index': { paramsTuple?: []; params?: {} }
    'resident_imports.create': { paramsTuple?: []; params?: {} }
    'resident_imports.mapping': { paramsTuple: [ParamValue]; params: {'upload': ParamValue} }
    'resident_imports.dry_run': { paramsTuple: [ParamValue]; params: {'upload': ParamValue} }
    'resident_imports.index': { paramsTuple?: []; params?: {} }
    'resident_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'resident_imports.report': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lists.index': { paramsTuple?: []; params?: {} }
    'interests.create': { paramsTuple?: []; params?: {} }
    'interests.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'interests.confirm_destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'schemes.create': { paramsTuple?: []; params?: {} }
    'schemes.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'schemes.confirm_destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'alerts.index': { paramsTuple?: []; params?: {} }
    'alerts.feed_rss': { paramsTuple?: []; params?: {} }
    'alerts.feed_atom': { paramsTuple?: []; params?: {} }
    'alerts.feed_cap': { paramsTuple?: []; params?: {} }
    'alerts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'alerts.cap': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api_tokens.index': { paramsTuple?: []; params?: {} }
    'api_tokens.create': { paramsTuple?: []; params?: {} }
    'api_tokens.confirm_revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.alerts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.password_reset.create': { paramsTuple?: []; params?: {} }
    'staff.password_reset.sent': { paramsTuple?: []; params?: {} }
    'staff.password_reset.edit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'staff.two_factor.show': { paramsTuple?: []; params?: {} }
    'staff.two_factor.setup': { paramsTuple?: []; params?: {} }
    'staff_invitations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'account.show': { paramsTuple?: []; params?: {} }
    'account.confirm_sign_out_everywhere': { paramsTuple?: []; params?: {} }
    'recovery_codes.confirm': { paramsTuple?: []; params?: {} }
    'team.index': { paramsTuple?: []; params?: {} }
    'team.edit_role': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'team.confirm_remove': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'team.confirm_two_factor_reset': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invitations.create': { paramsTuple?: []; params?: {} }
    'invitations.confirm_revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.joint_alerts.index': { paramsTuple?: []; params?: {} }
    'staff.joint_alerts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.schedule_cancel_confirmation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'templates.index': { paramsTuple?: []; params?: {} }
    'templates.create': { paramsTuple?: []; params?: {} }
    'templates.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'templates.confirm_destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'approval_settings.show': { paramsTuple?: []; params?: {} }
    'assets.geoman_js': { paramsTuple?: []; params?: {} }
    'assets.geoman_css': { paramsTuple?: []; params?: {} }
    'staff.alerts.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'segments.index': { paramsTuple?: []; params?: {} }
    'segments.confirm_destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.preview': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.preview_email': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'branding.edit': { paramsTuple?: []; params?: {} }
    'branding.logo': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'organisations.index': { paramsTuple?: []; params?: {} }
    'organisations.create': { paramsTuple?: []; params?: {} }
    'organisations.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.invite': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.branding': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.confirm_suspend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.confirm_reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'areas.index': { paramsTuple?: []; params?: {} }
    'area_imports.options': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'area_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'area_imports.progress': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'site.privacy': { paramsTuple?: []; params?: {} }
    'site.accessibility': { paramsTuple?: []; params?: {} }
    'site.cookies': { paramsTuple?: []; params?: {} }
    'site.contact': { paramsTuple?: []; params?: {} }
    'site_settings.edit': { paramsTuple?: []; params?: {} }
    'audit_log.index': { paramsTuple?: []; params?: {} }
    'plugins.index': { paramsTuple?: []; params?: {} }
    'plugins.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'plugins.disable': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'plugins.organisation.disable': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'channels.health': { paramsTuple?: []; params?: {} }
    'verify.show': { paramsTuple?: []; params?: {} }
    'verify.qr': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'staff.alerts.report': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.report_timeline_csv': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.report_failures_csv': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'alert_ratings.show': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'rating_short_links.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'rating_reports.index': { paramsTuple?: []; params?: {} }
    'alert_replies.show': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'inbox.index': { paramsTuple?: []; params?: {} }
    'inbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inbox.confirm_close': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'resident_reports.index': { paramsTuple?: []; params?: {} }
    'resident_reports.csv': { paramsTuple: [ParamValue]; params: {'table': ParamValue} }
    'alert_activity_reports.index': { paramsTuple?: []; params?: {} }
    'alert_activity_reports.csv': { paramsTuple: [ParamValue]; params: {'table': ParamValue} }
    'representation_reports.index': { paramsTuple?: []; params?: {} }
    'representation_reports.csv': { paramsTuple: [ParamValue]; params: {'table': ParamValue} }
    'tell_us.guidance': { paramsTuple?: []; params?: {} }
    'tell_us.sent': { paramsTuple?: []; params?: {} }
    'tell_us.form': { paramsTuple?: []; params?: {} }
    'tell_us.signed_guidance': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'tell_us.signed_form': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'inbox.attachment': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'alert_shares.show': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'forwarded_alerts.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'forward_reports.index': { paramsTuple?: []; params?: {} }
    'virtual_schemes.create': { paramsTuple?: []; params?: {} }
    'surveys.public': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'surveys.public.thank_you': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'surveys.signed': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'surveys.index': { paramsTuple?: []; params?: {} }
    'surveys.create': { paramsTuple?: []; params?: {} }
    'surveys.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'surveys.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'survey_questions.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'survey_questions.edit': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'survey_questions.confirm_destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'survey_results.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'survey_results.csv': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'survey_results.question_csv': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'survey_results.text_answers': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'open_click_reports.csv': { paramsTuple: [ParamValue]; params: {'table': ParamValue} }
    'tracking_settings.show': { paramsTuple?: []; params?: {} }
    'coordination.schemes': { paramsTuple?: []; params?: {} }
    'coordination.members': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'coordination.alerts.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scheme_requests.index': { paramsTuple?: []; params?: {} }
    'scheme_requests.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'team.edit_schemes': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invitations.edit_schemes': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'self_service.schemes.near': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'signups.store': { paramsTuple?: []; params?: {} }
    'confirmations.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'unsubscribe.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'unsubscribe.one_click': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.login.store': { paramsTuple?: []; params?: {} }
    'staff.logout': { paramsTuple?: []; params?: {} }
    'staff.alerts.store': { paramsTuple?: []; params?: {} }
    'staff.alerts.send': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.pause': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.resume': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'signups.postcode': { paramsTuple?: []; params?: {} }
    'signups.map.store': { paramsTuple?: []; params?: {} }
    'signups.ward.store': { paramsTuple?: []; params?: {} }
    'signups.contact.store': { paramsTuple?: []; params?: {} }
    'signups.topics.store': { paramsTuple?: []; params?: {} }
    'signups.schemes.store': { paramsTuple?: []; params?: {} }
    'signups.channels.store': { paramsTuple?: []; params?: {} }
    'signups.priority.store': { paramsTuple?: []; params?: {} }
    'signups.about_you.store': { paramsTuple?: []; params?: {} }
    'signups.quiet_time.store': { paramsTuple?: []; params?: {} }
    'signups.organisations.store': { paramsTuple?: []; params?: {} }
    'signups.phone_code.store': { paramsTuple?: []; params?: {} }
    'signups.phone_code.resend': { paramsTuple?: []; params?: {} }
    'doorstep.store': { paramsTuple?: []; params?: {} }
    'doorstep.verify.store': { paramsTuple?: []; params?: {} }
    'self_service.request.store': { paramsTuple?: []; params?: {} }
    'self_service.help.store': { paramsTuple?: []; params?: {} }
    'self_service.sign_in.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'self_service.sign_out': { paramsTuple?: []; params?: {} }
    'contact_changes.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'self_service.stop': { paramsTuple?: []; params?: {} }
    'self_service.resume': { paramsTuple?: []; params?: {} }
    'self_service.sign_out_everywhere': { paramsTuple?: []; params?: {} }
    'self_service.channel.update': { paramsTuple: [ParamValue]; params: {'channel': ParamValue} }
    'self_service.priority.update': { paramsTuple?: []; params?: {} }
    'self_service.language.update': { paramsTuple?: []; params?: {} }
    'self_service.interests.update': { paramsTuple?: []; params?: {} }
    'self_service.schemes.update': { paramsTuple?: []; params?: {} }
    'self_service.tracking.update': { paramsTuple?: []; params?: {} }
    'self_service.consents.update': { paramsTuple?: []; params?: {} }
    'self_service.name.update': { paramsTuple?: []; params?: {} }
    'self_service.email.update': { paramsTuple?: []; params?: {} }
    'self_service.home.place': { paramsTuple?: []; params?: {} }
    'self_service.home.move': { paramsTuple?: []; params?: {} }
    'self_service.about_you.update': { paramsTuple?: []; params?: {} }
    'self_service.about_you.destroy': { paramsTuple?: []; params?: {} }
    'self_service.numbers.send': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'self_service.numbers.check': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'self_service.erase': { paramsTuple?: []; params?: {} }
    'residents.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'residents.sign_in_link': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'resident_imports.store': { paramsTuple?: []; params?: {} }
    'resident_imports.check': { paramsTuple: [ParamValue]; params: {'upload': ParamValue} }
    'resident_imports.run': { paramsTuple: [ParamValue]; params: {'upload': ParamValue} }
    'interests.store': { paramsTuple?: []; params?: {} }
    'interests.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'interests.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'schemes.store': { paramsTuple?: []; params?: {} }
    'schemes.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'schemes.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api_tokens.store': { paramsTuple?: []; params?: {} }
    'api_tokens.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.alerts.store': { paramsTuple?: []; params?: {} }
    'api.alerts.send': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.password_reset.store': { paramsTuple?: []; params?: {} }
    'staff.password_reset.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'staff.two_factor.verify': { paramsTuple?: []; params?: {} }
    'staff.two_factor.confirm': { paramsTuple?: []; params?: {} }
    'staff_invitations.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'account.sign_out_everywhere': { paramsTuple?: []; params?: {} }
    'recovery_codes.regenerate': { paramsTuple?: []; params?: {} }
    'team.update_role': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'team.remove': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'team.two_factor_reset': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invitations.store': { paramsTuple?: []; params?: {} }
    'invitations.resend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invitations.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.submit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.return': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.approve_spending': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.overlap_leave_out': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'otherId': ParamValue} }
    'staff.alerts.overlap_include': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'otherId': ParamValue} }
    'staff.alerts.cosigner_invite': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.cosigner_remove': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.joint_alerts.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.joint_alerts.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.schedule': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.schedule_cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'templates.store': { paramsTuple?: []; params?: {} }
    'templates.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'templates.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'templates.use': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'approval_settings.update': { paramsTuple?: []; params?: {} }
    'staff.alerts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'segments.store': { paramsTuple?: []; params?: {} }
    'segments.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staff.alerts.test': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'branding.update': { paramsTuple?: []; params?: {} }
    'staff.organisation_switch': { paramsTuple?: []; params?: {} }
    'organisations.store': { paramsTuple?: []; params?: {} }
    'organisations.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.invite.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.branding.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.suspend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'area_imports.store': { paramsTuple?: []; params?: {} }
    'area_imports.check': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'area_imports.run': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'site_settings.update': { paramsTuple?: []; params?: {} }
    'plugins.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'plugins.settings': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'plugins.organisation.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'plugins.organisation.settings': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'channels.test': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'alert_ratings.store': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'alert_ratings.comment': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'alert_replies.store': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'inbound_email.receive': { paramsTuple?: []; params?: {} }
    'inbox.assign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inbox.answer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inbox.close': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inbox.reopen': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'tell_us.store': { paramsTuple?: []; params?: {} }
    'tell_us.signed_store': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'alert_shares.email': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'virtual_schemes.store': { paramsTuple?: []; params?: {} }
    'surveys.public.store': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'surveys.signed.store': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'alertId': ParamValue,'residentId': ParamValue,'expires': ParamValue} }
    'surveys.store': { paramsTuple?: []; params?: {} }
    'surveys.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'surveys.alert': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'survey_questions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'survey_questions.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'survey_questions.move': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'survey_questions.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'questionId': ParamValue} }
    'tracking_settings.update': { paramsTuple?: []; params?: {} }
    'coordination.alerts.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'coordination.alerts.send': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'alertId': ParamValue} }
    'scheme_requests.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scheme_requests.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'team.update_schemes': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invitations.update_schemes': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'self_service.schemes.ask': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'self_service.schemes.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  PUT: {
    'staff.alerts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}