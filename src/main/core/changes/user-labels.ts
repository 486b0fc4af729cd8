// English wording for Save's diff and the audit log (the renderer translates field keys itself).

export const ASSOCIATE_FIELD_LABELS: Readonly<Record<string, string>> = {
  userId: 'User ID',
  firstName: 'First name',
  middleName: 'Middle name',
  lastName: 'Last name',
  email: 'E-mail',
  phone: 'Phone',
  companyId: 'Owning company',
  roleId: 'Role',
  primaryGroupId: 'Primary group',
  otherGroupIds: 'Other groups',
  licences: 'Licences',
  canLogIn: 'Can log in',
  retired: 'Former employee',
  passwordHash: 'Password',
  removal: 'Remove user'
}

export const REMOVAL_LABELS: Readonly<Record<string, string>> = {
  'delete-associate': 'Delete the associate (the person stays)',
  'delete-associate-and-person': 'Delete the associate and the person'
}

export const OTHER_USER_FIELD_LABELS: Readonly<Record<string, string>> = {
  userId: 'User ID',
  userType: 'Type',
  description: 'Description',
  active: 'Login active',
  passwordHash: 'Password',
  deleted: 'Deleted'
}

export const OUR_COMPANY_FIELD_LABELS: Readonly<Record<string, string>> = {
  name: 'Company name',
  department: 'Department',
  city: 'City',
  member: 'One of Our companies'
}
