/** Row shapes of the SQL schema, shared by both dialects. Booleans are 0/1 and times are epoch ms. */

export interface MetaTable { key: string; value: string }
export interface SitesTable {
  id: string;
  key: string;
  name: string;
  allowed_origins: string;
  settings: string;
  secret: string;
  created_at: number;
}
export interface AgentsTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: string;
  status: string;
  capacity: number;
  avatar_url: string | null;
  disabled: number;
  created_at: number;
}
export interface SiteAgentsTable { site_id: string; agent_id: string }
export interface AuthSessionsTable {
  id: string;
  agent_id: string;
  created_at: number;
  expires_at: number;
  user_agent: string;
  ip: string;
  last_seen_at: number;
}
export interface TwoFactorTable { agent_id: string; secret: string; enabled_at: number | null; last_step: number; created_at: number }
export interface RecoveryCodesTable { id: string; agent_id: string; code_hash: string; used_at: number | null }
export interface LoginTicketsTable { id: string; agent_id: string; expires_at: number }
export interface VisitorsTable {
  id: string;
  site_id: string;
  name: string | null;
  email: string | null;
  external_id: string | null;
  verified: number;
  created_at: number;
  last_seen_at: number;
}
export interface SessionsTable {
  id: string;
  visitor_id: string;
  site_id: string;
  started_at: number;
  last_seen_at: number;
  user_agent: string;
  language: string;
  cart: string | null;
  country: string;
  time_zone: string;
  widget_language: string;
}
export interface PageViewsTable {
  id: string;
  session_id: string;
  visitor_id: string;
  url: string;
  path: string;
  title: string;
  referrer: string;
  at: number;
}
export interface EventsTable {
  id: string;
  session_id: string;
  visitor_id: string;
  name: string;
  props: string;
  at: number;
}
export interface ConversationsTable {
  id: string;
  site_id: string;
  visitor_id: string;
  status: string;
  assignee_id: string | null;
  last_seq: number;
  visitor_read_seq: number;
  agent_read_seq: number;
  created_at: number;
  updated_at: number;
  resolved_at: number | null;
  impression_id: string | null;
  team_id: string | null;
  assigned_at: number | null;
  awaiting_since: number | null;
  rating_score: number | null;
  rating_comment: string | null;
  rated_at: number | null;
  fields: string | null;
  agent_delivered_seq: number;
  visitor_delivered_seq: number;
  visitor_notified_at: number | null;
  reply_email_due_at: number | null;
}
export interface TeamsTable { id: string; site_id: string; name: string; hours: string | null; created_at: number }
export interface TeamMembersTable { id: string; team_id: string; agent_id: string }
export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  client_id: string;
  author: string;
  author_id: string | null;
  author_name: string | null;
  kind: string;
  body: string;
  attachment: string | null;
  created_at: number;
}
export interface CannedResponsesTable { id: string; site_id: string; shortcut: string; body: string; created_at: number }

export interface TriggersTable {
  id: string;
  site_id: string;
  name: string;
  status: string;
  priority: number;
  definition: string;
  created_at: number;
  updated_at: number;
}
export interface ImpressionsTable {
  id: string;
  trigger_id: string;
  site_id: string;
  visitor_id: string;
  session_id: string;
  variant: string;
  shown_at: number;
  opened_at: number | null;
  dismissed_at: number | null;
  conversation_id: string | null;
  converted_at: number | null;
  conversion_value: number | null;
}

export interface AttachmentsTable {
  id: string;
  site_id: string;
  uploader: string;
  uploader_id: string;
  visitor_id: string | null;
  conversation_id: string | null;
  message_id: string | null;
  name: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  created_at: number;
}
export interface ResumeLinksTable {
  id: string;
  visitor_id: string;
  conversation_id: string;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}
export interface AuditLogTable {
  id: string;
  at: number;
  action: string;
  actor_id: string | null;
  actor_label: string;
  target_type: string;
  target_id: string | null;
  target_label: string;
  ip: string;
  user_agent: string;
  changes: string;
}

export interface Database {
  audit_log: AuditLogTable;
  attachments: AttachmentsTable;
  resume_links: ResumeLinksTable;
  triggers: TriggersTable;
  impressions: ImpressionsTable;
  meta: MetaTable;
  sites: SitesTable;
  agents: AgentsTable;
  site_agents: SiteAgentsTable;
  auth_sessions: AuthSessionsTable;
  two_factor: TwoFactorTable;
  recovery_codes: RecoveryCodesTable;
  login_tickets: LoginTicketsTable;
  visitors: VisitorsTable;
  sessions: SessionsTable;
  page_views: PageViewsTable;
  events: EventsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  canned_responses: CannedResponsesTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
}
