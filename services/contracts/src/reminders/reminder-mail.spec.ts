import { danishDate, deadlineReminderMail, manualReminderMail } from './reminder-mail';

describe('reminder mails', () => {
  it('writes dates the Danish way', () => {
    expect(danishDate('2026-09-30')).toBe('30. september 2026');
    expect(danishDate('2028-02-29')).toBe('29. februar 2028');
  });

  it('names the deadline, the date, the days left and the object', () => {
    const mail = deadlineReminderMail({
      deadline: 'ContractNoticeDeadline',
      deadlineDate: '2026-09-30',
      entityType: 'ItContract',
      entityName: 'Økonomisystem – drift',
      today: '2026-08-31',
      late: false,
    });
    expect(mail.subject).toBe('Sidste frist for opsigelse: 30. september 2026 – Økonomisystem – drift');
    expect(mail.text).toContain('30. september 2026 (om 30 dage)');
    expect(mail.text).toContain('Vedrørende kontrakten: Økonomisystem – drift');
    expect(mail.text).not.toContain('forsinket');
  });

  it('says when a mail comes late', () => {
    const mail = manualReminderMail({
      subject: 'Husk årlig gennemgang',
      body: 'Gennemgå aftalen.',
      entityType: 'DataProcessingRegistration',
      entityName: 'Løn',
      occurrence: '2026-03-29',
      late: true,
    });
    expect(mail.subject).toBe('Husk årlig gennemgang');
    expect(mail.text).toContain('Sendt forsinket: advisen var planlagt til 29. marts 2026');
    expect(mail.text).toContain('Vedrørende databehandlingen: Løn');
  });
});
