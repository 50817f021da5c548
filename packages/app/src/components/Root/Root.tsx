import { PropsWithChildren, useEffect } from 'react';
import { makeStyles, useMediaQuery } from '@material-ui/core';
import HomeIcon from '@material-ui/icons/Home';
import ExtensionIcon from '@material-ui/icons/Extension';
import LibraryBooks from '@material-ui/icons/LibraryBooks';
import CreateComponentIcon from '@material-ui/icons/AddCircleOutline';
import LogoFull from './LogoFull';
import LogoIcon from './LogoIcon';
import {
  Settings as SidebarSettings,
  UserSettingsSignInAvatar,
} from '@backstage/plugin-user-settings';
import { SidebarSearchModal } from '@backstage/plugin-search';
import {
  Sidebar,
  sidebarConfig,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarPage,
  SidebarScrollWrapper,
  SidebarSpace,
  useSidebarOpenState,
  useSidebarPinState,
  Link,
} from '@backstage/core-components';
import MenuIcon from '@material-ui/icons/Menu';
import SearchIcon from '@material-ui/icons/Search';
import { MyGroupsSidebarItem } from '@backstage/plugin-org';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import FlowIcon from '@material-ui/icons/TrendingUp';
import GroupIcon from '@material-ui/icons/People';
import PsychologyIcon from '@material-ui/icons/EmojiObjects';
import DebtIcon from '@material-ui/icons/AccountBalance';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';

const useSidebarLogoStyles = makeStyles({
  root: {
    width: sidebarConfig.drawerWidthClosed,
    height: 3 * sidebarConfig.logoHeight,
    display: 'flex',
    flexFlow: 'row nowrap',
    alignItems: 'center',
    marginBottom: -14,
  },
  link: {
    width: sidebarConfig.drawerWidthClosed,
    marginLeft: 24,
  },
});

const SidebarLogo = () => {
  const classes = useSidebarLogoStyles();
  const { isOpen } = useSidebarOpenState();

  return (
    <div className={classes.root}>
      <Link to="/" underline="none" className={classes.link} aria-label="Home">
        {isOpen ? <LogoFull /> : <LogoIcon />}
      </Link>
    </div>
  );
};

const AUTO_UNPINNED = 'teamflow.sidebarAutoUnpinned';

/**
 * Below 1280 px the pinned sidebar takes a fifth of the screen from the
 * tables, so it folds to its icons (it still opens on hover). When the window
 * is wide again, a sidebar folded here, not by its user, is pinned back.
 */
const NarrowScreenSidebar = () => {
  const narrow = useMediaQuery('(max-width: 1279px)', { noSsr: true });
  const { isPinned, toggleSidebarPinState } = useSidebarPinState();
  useEffect(() => {
    const auto = window.sessionStorage.getItem(AUTO_UNPINNED) === 'true';
    if (narrow && isPinned) {
      window.sessionStorage.setItem(AUTO_UNPINNED, 'true');
      toggleSidebarPinState();
    } else if (!narrow && !isPinned && auto) {
      window.sessionStorage.removeItem(AUTO_UNPINNED);
      toggleSidebarPinState();
    }
    // Only a change of width decides; the user's own pinning stands.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [narrow]);
  return null;
};

export const Root = ({ children }: PropsWithChildren<{}>) => (
  <SidebarPage>
    <NarrowScreenSidebar />
    <Sidebar>
      <SidebarLogo />
      <SidebarGroup label="Search" icon={<SearchIcon />} to="/search">
        <SidebarSearchModal />
      </SidebarGroup>
      <SidebarDivider />
      <SidebarGroup label="Menu" icon={<MenuIcon />}>
        {/* Global nav, not org-specific */}
        <SidebarItem icon={HomeIcon} to="catalog" text="Home" />
        <MyGroupsSidebarItem
          singularTitle="My Group"
          pluralTitle="My Groups"
          icon={GroupIcon}
        />
        <SidebarItem icon={AccountTreeIcon} to="teamflow" text="Organisation" />
        <SidebarItem
          icon={PsychologyIcon}
          to="cognitive-load"
          text="Cognitive load"
        />
        <SidebarItem icon={DebtIcon} to="tech-debt" text="Tech debt" />
        <SidebarItem icon={FlowIcon} to="delivery" text="Delivery" />
        <SidebarItem icon={ExtensionIcon} to="api-docs" text="APIs" />
        <SidebarItem icon={LibraryBooks} to="docs" text="Docs" />
        <SidebarItem icon={CreateComponentIcon} to="create" text="Create..." />
        {/* End global nav */}
        <SidebarDivider />
        <SidebarScrollWrapper>
          {/* Items in this group will be scrollable if they run out of space */}
        </SidebarScrollWrapper>
      </SidebarGroup>
      <SidebarSpace />
      <SidebarDivider />
      <NotificationsSidebarItem />
      <SidebarDivider />
      <SidebarGroup
        label="Settings"
        icon={<UserSettingsSignInAvatar />}
        to="/settings"
      >
        <SidebarSettings />
      </SidebarGroup>
    </Sidebar>
    {children}
  </SidebarPage>
);
