import { NavLink } from 'react-router';
import { t } from '../../i18n/index.ts';

/** Links between the statistics, leaderboard and coin history screens. */
export function StatsTabs() {
  const cls = ({ isActive }: { isActive: boolean }) => `pill${isActive ? ' active' : ''}`;
  return (
    <nav className="pills" aria-label={t.stats.title}>
      <NavLink to="/stats" className={cls} end>
        {t.stats.tabs.stats}
      </NavLink>
      <NavLink to="/leaderboard" className={cls}>
        {t.stats.tabs.leaderboard}
      </NavLink>
      <NavLink to="/coins" className={cls}>
        {t.stats.tabs.coins}
      </NavLink>
    </nav>
  );
}
