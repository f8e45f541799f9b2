/**
 * A refused action is a value, not an exception: the caller shows `code` to the seller through
 * the message catalog (`refusal.<code>`), with `params` filled in.
 */
export type RefusalCode =
  | 'deal_closed'
  | 'not_received'
  | 'not_open'
  | 'referral_expired'
  | 'not_yet_expired'
  | 'stage_not_allowed'
  | 'stage_unchanged'
  | 'assessment_stage_out_of_order'
  | 'assessment_stages_incomplete'
  | 'assessment_only_stages'
  | 'assessment_not_vetted'
  | 'assessment_no_invitations'
  | 'assessment_kind_fixed'
  | 'assessment_exclusive'
  | 'assessment_location_required'
  | 'solution_required'
  | 'location_not_editable'
  | 'field_not_editable'
  | 'customer_contact_required'
  | 'customer_consent_required'
  | 'help_required'
  | 'microsoft_already_invited'
  | 'microsoft_already_can_view'
  | 'microsoft_not_invited'
  | 'microsoft_window_closed'
  | 'invite_partners_inbound'
  | 'invite_not_allowed_for_type'
  | 'partner_already_invited'
  | 'cannot_invite_self'
  | 'invitation_not_found'
  | 'invitation_locked'
  | 'invitation_not_pending'
  | 'registration_not_eligible'
  | 'registration_already_submitted'
  | 'registration_not_submitted'
  | 'registration_transition'
  | 'other_organization'
  | 'not_visible'
  | 'not_permitted'
  | 'last_global_admin'
  | 'invalid_location_scope'
  | 'member_not_found'
  | 'admin_by_configuration'
  | 'team_required'
  | 'assignee_unknown'
  | 'assignee_not_member'
  | 'assignee_out_of_scope'
  | 'snooze_too_late'
  | 'rewards_contact_not_account_user'
  | 'rewards_contact_email_is_account_email'
  | 'rewards_benefit_not_found'
  | 'rewards_benefit_already_active'
  | 'rewards_offer_not_live'
  | 'rewards_marketing_contact_required'
  | 'offers_admin_only'
  | 'offer_name_taken'
  | 'offer_other_documents_max'
  | 'offer_document_not_found'
  | 'offer_contacts_max'
  | 'offer_benefits_max'
  | 'assessment_vetting_global_admin_only'
  | 'registration_solution_not_on_deal';

export interface Refusal {
  readonly code: RefusalCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: Refusal };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refuse = <T = never>(code: RefusalCode, params?: Record<string, string | number>): Result<T> => ({
  ok: false,
  refusal: params ? { code, params } : { code },
});
