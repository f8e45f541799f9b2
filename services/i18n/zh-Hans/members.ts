import type { members as en } from '../en/members';

/** 成员卡片的简体中文消息（管理员管理角色和位置范围）。 */
export const members = {
  'members.title': '{org} 的成员',
  'members.intro': '推荐管理员可以看到所有交易。推荐用户只有在是交易团队成员，且交易位置在其范围内时，才能看到这笔交易。',
  'members.role': '角色',
  'members.scopes': '位置范围',
  'members.scopesHint': '输入国家/地区',
  'members.noScopes': '无',
  'members.allLocations': '所有位置',
  'members.notInstalled': '尚未安装此机器人',
  'members.change': '更改',
  'members.save': '保存',
  'members.more': '下一页',
  'members.saved': '已保存：{name} 现在是{role}（{scopes}）。',
  'members.summary': '{configured, select, yes {{role}（由 REFERRAL_ADMINS 设置）· {scopes}} other {{role} · {scopes}}}',
  'members.scope': '{country}（{code}）',
  'members.cancel': '取消',
  'members.changeHeading': '修改 {name}',
  'members.add': '添加同事',
  'members.addHint': '现在就可以为组织中的任何人设置角色和位置范围，即使对方尚未安装机器人；安装后，对方会收到其可以查看的待答复推荐。',
  'members.colleague': '同事',
  'members.colleagueHint': '输入姓名',
  'members.colleagueRequired': '请选择一位同事。',
  'members.unnamed': '尚未打开机器人的同事',
  'members.added': '已保存：{name} 现在是{role}（{scopes}）；安装机器人后，对方会收到其可以查看的推荐。',
} satisfies Record<keyof typeof en, string>;
